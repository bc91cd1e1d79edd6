package gg.deltacrown.runbook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The runbook's curl: JSON requests to a running service, with the bearer token of the runbook's
 * user. Every answer is kept whole (status, body, time taken) so the runbook can save it as an
 * artifact, as the manual runbook does with {@code tee}.
 */
final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private String token;

    ServiceClient(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One answer of the service. {@code body} is a missing node when the body is not JSON. */
    record Answer(String method, String path, int status, String raw, JsonNode body, long millis) {

        String field(String name) {
            return body.path(name).asString("");
        }

        /** The error the service gave, for a message ("409 one_independent_team_per_game: ..."). */
        String problem() {
            String code = body.path("error_code").asString(body.path("code").asString(""));
            String message = body.path("message").asString(body.path("error").asString(""));
            String text = (code + (message.isEmpty() ? "" : ": " + message)).strip();
            return status + (text.isEmpty() ? "" : " " + text);
        }
    }

    URI base() {
        return base;
    }

    void authenticate(String username, String password) {
        Answer answer = post(
                "/api/auth/login/",
                JSON.createObjectNode().put("username", username).put("password", password));
        if (answer.status() != 200 || answer.field("token").isEmpty()) {
            throw new RunbookFailedException("login as '" + username + "' failed: " + answer.problem());
        }
        token = answer.field("token");
    }

    Answer get(String path) {
        return send("GET", path, "application/json", HttpRequest.BodyPublishers.noBody());
    }

    /** The Prometheus text exposition (which the actuator refuses to a client that only accepts JSON). */
    String metrics() {
        Answer answer = send("GET", "/actuator/prometheus", "text/plain", HttpRequest.BodyPublishers.noBody());
        if (answer.status() != 200) {
            throw new RunbookFailedException("GET /actuator/prometheus answered " + answer.problem());
        }
        return answer.raw();
    }

    Answer post(String path, Object body) {
        return send(
                "POST",
                path,
                "application/json",
                HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
    }

    private Answer send(String method, String path, String accept, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", accept)
                .method(method, body);
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Answer(method, path, response.statusCode(), response.body(), parse(response.body()), millis);
        } catch (IOException e) {
            throw new RunbookFailedException("cannot reach the service at " + base + " (" + method + " " + path + "): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookFailedException("interrupted while waiting for " + method + " " + path);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
