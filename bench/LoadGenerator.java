import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Team-create load for the dual-write benchmark (run with JDK 21+: {@code java bench/LoadGenerator.java}).
 *
 * <pre>
 *   closed --base-url U --secret S --first-user ID --users N --concurrency C --seconds T --label L
 *   open   --base-url U --secret S --first-user ID --users N --rate R --seconds T --label L
 * </pre>
 *
 * Each request creates an independent team for a distinct (user, game) pair, with a JWT signed with
 * the service's secret (no logins: PBKDF2 would dominate). "open" sends at a fixed rate and measures
 * latency from the intended send time, so a slow server cannot hide its queueing (no coordinated
 * omission). Prints one JSON line.
 */
public class LoadGenerator {

    private static final int GAMES = 9;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = args[0];
        String baseUrl = options.get("base-url");
        byte[] secret = options.get("secret").getBytes(StandardCharsets.UTF_8);
        long firstUser = Long.parseLong(options.get("first-user"));
        int users = Integer.parseInt(options.get("users"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int offset = Integer.parseInt(options.getOrDefault("offset", "0"));
        String label = options.getOrDefault("label", mode);

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(token(secret, firstUser + i));
        }
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicInteger sequence = new AtomicInteger(offset);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();

        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        if (mode.equals("closed")) {
            int concurrency = Integer.parseInt(options.get("concurrency"));
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < concurrency; c++) {
                    executor.submit(() -> {
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            int status = send(client, baseUrl, tokens, sequence.getAndIncrement(), users);
                            record(status, System.nanoTime() - sent, latencies, errors, statuses);
                        }
                        return null;
                    });
                }
            }
        } else {
            double rate = Double.parseDouble(options.get("rate"));
            long interval = (long) (1_000_000_000L / rate);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long intended = start; intended < end; intended += interval) {
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long scheduled = intended;
                    executor.submit(() -> {
                        int status = send(client, baseUrl, tokens, sequence.getAndIncrement(), users);
                        record(status, System.nanoTime() - scheduled, latencies, errors, statuses);
                        return null;
                    });
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(java.util.Locale.ROOT,
                "{\"label\":\"%s\",\"mode\":\"%s\",\"requests\":%d,\"errors\":%d,\"statuses\":%s,\"seconds\":%.1f,"
                        + "\"throughput_per_s\":%.1f,\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f,"
                        + "\"next_offset\":%d}%n",
                label, mode, sorted.size(), errors.get(), statuses, elapsed, sorted.size() / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                percentile(sorted, 1.0), sequence.get());
    }

    private static int send(HttpClient client, String baseUrl, List<String> tokens, int n, int users) {
        int user = (n / GAMES) % users;
        int game = n % GAMES + 1;
        String body = "{\"name\":\"Bench Team " + n + "\",\"game_id\":" + game + ",\"region\":\"NA\","
                + "\"branding\":{\"logo_url\":\"https://cdn.example.com/b" + n + ".png\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/vnext/teams/create/"))
                .header("Authorization", "Bearer " + tokens.get(user))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void record(int status, long nanos, ConcurrentLinkedQueue<Long> latencies, AtomicLong errors,
            Map<Integer, AtomicLong> statuses) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == 201) {
            latencies.add(nanos);
        } else {
            errors.incrementAndGet();
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    /** HS256 access token with the claims the service expects. */
    private static String token(byte[] secret, long userId) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"user_id\":" + userId + ",\"token_type\":\"access\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"jti\":\"bench-" + userId + "\"}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = encoder.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
