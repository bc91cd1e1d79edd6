package gg.deltacrown.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the pages over plain HTTP: a cookie jar, the login form, and form posts
 * carrying the CSRF token of the last page read, as a browser would send them. Redirects are not
 * followed, so a test sees each {@code Location}.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final Map<String, String> headers;
    private String csrf;

    public PageSession(int port) {
        this(port, Map.of());
    }

    /** With headers sent on every request (e.g. the {@code X-Forwarded-For} of a proxy). */
    public PageSession(int port, Map<String, String> headers) {
        this.base = "http://localhost:" + port;
        this.headers = headers;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Logs in through the form; the answer is the form post's (302 to the next page when it worked). */
    public HttpResponse<String> login(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    /** A GET; remembers the page's CSRF token, if it has one. */
    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(request(path).GET().build());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** A form post with the CSRF token of the last page read (fields may carry any character). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html");
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
