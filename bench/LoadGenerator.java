import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP load for the dual-write benchmark (JDK 21+; compile with javac, run with java).
 *
 * <pre>
 *   closed --base-url U --secret S --first-user ID --users N --concurrency C --seconds T [--offset K] [--label L]
 *   open   --base-url U --secret S --first-user ID --users N --rate R --seconds T [--connections C] ...
 *   options of both: [--action create|detail|member] [--first-org ID] [--teams K]
 * </pre>
 *
 * Actions: {@code create} (default) makes team {@code Bench Team <n>} (slug {@code bench-team-<n>})
 * for user {@code n % users}: independent for a distinct (user, game) pair, or, with
 * {@code --first-org}, owned by that user's organisation ({@code first-org + n % users}, the user
 * its CEO), as the measurements did. {@code detail} reads team {@code bench-team-<n % K>};
 * {@code member} adds user {@code (k + 1 + n / K) % users} to team {@code k = n % K} as a PLAYER,
 * asked by the team's creator (its organisation's CEO). Every request carries a JWT signed with the
 * service's secret (no logins: PBKDF2 would dominate). Plain HTTP/1.1 over kept-alive sockets, so
 * the generator costs little CPU on the machine it shares with the service. "open" sends at a fixed
 * rate and measures latency from the intended send time, so a slow server cannot hide its queueing
 * (no coordinated omission). Prints one JSON line.
 */
public class LoadGenerator {

    private static final int GAMES = 9;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = args[0];
        URI base = URI.create(options.get("base-url"));
        byte[] secret = options.get("secret").getBytes(StandardCharsets.UTF_8);
        long firstUser = Long.parseLong(options.get("first-user"));
        int users = Integer.parseInt(options.get("users"));
        int seconds = Integer.parseInt(options.get("seconds"));
        AtomicInteger sequence = new AtomicInteger(Integer.parseInt(options.getOrDefault("offset", "0")));
        String label = options.getOrDefault("label", mode);
        Action action = new Action(
                options.getOrDefault("action", "create"),
                firstUser,
                users,
                options.containsKey("first-org") ? Long.parseLong(options.get("first-org")) : -1,
                Integer.parseInt(options.getOrDefault("teams", "1")));

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(token(secret, firstUser + i));
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        if (mode.equals("closed")) {
            int concurrency = Integer.parseInt(options.get("concurrency"));
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < concurrency; c++) {
                    executor.submit(() -> {
                        Connection connection = new Connection(base);
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            int status = connection.send(action.request(base, tokens, sequence.getAndIncrement()));
                            record(status, action.expected(), System.nanoTime() - sent, latencies, errors, statuses);
                        }
                        connection.close();
                        return null;
                    });
                }
            }
        } else {
            double rate = Double.parseDouble(options.get("rate"));
            int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
            long interval = (long) (1_000_000_000L / rate);
            LinkedBlockingQueue<Long> scheduled = new LinkedBlockingQueue<>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < connections; c++) {
                    executor.submit(() -> {
                        Connection connection = new Connection(base);
                        for (Long intended = scheduled.take(); intended >= 0; intended = scheduled.take()) {
                            int status = connection.send(action.request(base, tokens, sequence.getAndIncrement()));
                            record(
                                    status,
                                    action.expected(),
                                    System.nanoTime() - intended,
                                    latencies,
                                    errors,
                                    statuses);
                        }
                        connection.close();
                        return null;
                    });
                }
                for (long intended = start; intended < end; intended += interval) {
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    scheduled.put(intended);
                }
                for (int c = 0; c < connections; c++) {
                    scheduled.put(-1L);
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                java.util.Locale.ROOT,
                "{\"label\":\"%s\",\"mode\":\"%s\",\"requests\":%d,\"errors\":%d,\"statuses\":\"%s\",\"seconds\":%.1f,"
                        + "\"throughput_per_s\":%.1f,\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f,"
                        + "\"next_offset\":%d}%n",
                label,
                mode,
                sorted.size(),
                errors.get(),
                statuses,
                elapsed,
                sorted.size() / elapsed,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                percentile(sorted, 1.0),
                sequence.get());
    }

    /** What each request does (see the class comment); {@code n} is the request's sequence number. */
    record Action(String name, long firstUser, int users, long firstOrg, int teams) {

        int expected() {
            return name.equals("create") ? 201 : 200;
        }

        byte[] request(URI base, List<String> tokens, int n) {
            return switch (name) {
                case "create" -> {
                    int user = firstOrg >= 0 ? n % users : (n / GAMES) % users;
                    int game = n % GAMES + 1;
                    String organization = firstOrg >= 0 ? ",\"organization_id\":" + (firstOrg + user) : "";
                    yield http(
                            base,
                            "POST",
                            "/api/vnext/teams/create/",
                            tokens.get(user),
                            "{\"name\":\"Bench Team " + n + "\",\"game_id\":" + game + ",\"region\":\"NA\""
                                    + organization + ",\"branding\":{\"logo_url\":\"https://cdn.example.com/b" + n
                                    + ".png\"}}");
                }
                case "detail" ->
                    http(
                            base,
                            "GET",
                            "/api/vnext/teams/bench-team-" + (n % teams) + "/detail/",
                            tokens.get(n % users),
                            null);
                case "member" -> {
                    int team = n % teams;
                    long member = firstUser + (team + 1 + n / teams) % users;
                    yield http(
                            base,
                            "POST",
                            "/api/vnext/teams/bench-team-" + team + "/members/add/",
                            tokens.get(team % users),
                            "{\"user_lookup\":\"" + member + "\",\"role\":\"PLAYER\",\"is_active\":true}");
                }
                default -> throw new IllegalArgumentException("unknown action " + name);
            };
        }
    }

    private static byte[] http(URI base, String method, String path, String token, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Bearer " + token
                + (body == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + content.length)
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    /** One kept-alive HTTP/1.1 connection; reconnects after an error. Status -1: no response. */
    static final class Connection {
        private final URI base;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(URI base) {
            this.base = base;
        }

        int send(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                return -1;
            }
        }

        private int readResponse() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true; // Tomcat ends a kept-alive connection after 100 requests
                }
            }
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line().trim(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            if (closing) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    private static void record(
            int status,
            int expected,
            long nanos,
            ConcurrentLinkedQueue<Long> latencies,
            AtomicLong errors,
            Map<Integer, AtomicLong> statuses) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == expected) {
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

    /** HS256 access token with the claims the service expects (SimpleJWT's shape). */
    private static String token(byte[] secret, long userId) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"user_id\":" + userId + ",\"token_type\":\"access\",\"iat\":" + now
                        + ",\"exp\":" + (now + 3600) + ",\"jti\":\"bench-" + userId + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature =
                encoder.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
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
