package gg.deltacrown.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients' HTTP, as a load balancer in front of the instances would carry it: a request whose
 * connection is refused goes to the next instance (it never left the client); once sent, its fate
 * is whatever the answer, or the lack of one, says.
 */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param foreign a 2xx whose body is not the answer to this request (the caller checks):
     *     recorded in doubt, with code {@link Write#ANSWER_NOT_FOR_THIS_REQUEST}
     */
    record Reply(
            Write.Outcome outcome,
            int status,
            JsonNode body,
            int instance,
            long startMs,
            long endMs,
            boolean foreign,
            String raw) {

        Reply(Write.Outcome outcome, int status, JsonNode body, int instance, long startMs, long endMs) {
            this(outcome, status, body, instance, startMs, endMs, false, null);
        }

        /** This reply unless it is a 2xx whose body fails the check: then in doubt, marked foreign. */
        Reply checked(java.util.function.Predicate<JsonNode> belongs) {
            if (outcome != Write.Outcome.OK) {
                return this;
            }
            boolean ours;
            try {
                ours = body != null && belongs.test(body);
            } catch (RuntimeException e) {
                ours = false;
            }
            return ours ? this : new Reply(Write.Outcome.IN_DOUBT, status, body, instance, startMs, endMs, true, raw);
        }

        String code() {
            if (foreign) {
                return Write.ANSWER_NOT_FOR_THIS_REQUEST;
            }
            if (body == null) {
                return null;
            }
            JsonNode code = body.has("error_code") ? body.get("error_code") : body.get("code");
            return code == null ? null : code.asString();
        }
    }

    /** Sent as {@value #REQUEST_HEADER}: what the instances' access logs name a request by. */
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    static final String REQUEST_HEADER = "X-Chaos-Request";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Integer> ports;
    private final Duration timeout;

    Api(List<Integer> ports, Duration timeout) {
        this.ports = ports;
        this.timeout = timeout;
    }

    HttpClient http() {
        return http;
    }

    /** POSTs to the instance {@code first}, or the next one that accepts the connection. */
    Reply post(int first, String path, String body, String token) {
        return post(first, ports.size(), path, body, token);
    }

    /** POSTs to this instance only. */
    Reply postTo(int instance, String path, String body, String token) {
        return post(instance, 1, path, body, token);
    }

    private Reply post(int first, int tries, String path, String body, String token) {
        long start = System.currentTimeMillis();
        long id = requests.incrementAndGet();
        for (int n = 0; n < tries; n++) {
            int instance = (first + n) % ports.size();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + path))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header(REQUEST_HEADER, Long.toString(id))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                JsonNode json = parse(response.body());
                Write.Outcome outcome =
                        status < 300 ? Write.Outcome.OK : status < 500 ? Write.Outcome.REFUSED : Write.Outcome.FAILED;
                String raw = "request " + id + ": " + status + " "
                        + response.headers().map() + " body [" + response.body() + "]";
                return new Reply(outcome, status, json, instance, start, System.currentTimeMillis(), false, raw);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                // Not sent: try the next instance.
            } catch (IOException e) {
                if (refused(e)) {
                    continue;
                }
                return new Reply(Write.Outcome.IN_DOUBT, -1, null, instance, start, System.currentTimeMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(Write.Outcome.IN_DOUBT, -1, null, instance, start, System.currentTimeMillis());
            }
        }
        return new Reply(Write.Outcome.NOT_SENT, -1, null, first, start, System.currentTimeMillis());
    }

    /** GET, for the metrics; null when the instance does not answer. */
    String get(int instance, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean refused(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
