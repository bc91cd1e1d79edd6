package gg.deltacrown.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send: any
 * {@code Host} header, and request bodies of hundreds of megabytes streamed while the answer is
 * read, so a test sees how much the server let in before it answered.
 */
public final class RawHttp {

    private static final int CHUNK = 64 * 1024;

    private RawHttp() {}

    /** An answer, with how many body bytes the client got to send before it came. */
    public record Response(int status, Map<String, List<String>> headers, String body, long bodyBytesSent) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) and a small body. */
    public static Response send(int port, String head, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String withLength = body == null ? head : head + "\r\nContent-Length: " + bytes.length;
        return exchange(port, withLength, out -> out.write(bytes));
    }

    /**
     * Streams {@code size} bytes of {@code filler} as the body, with a {@code Content-Length}
     * (or chunked when {@code chunked}), and stops as soon as the answer arrives or the server closes.
     */
    public static Response stream(int port, String head, long size, boolean chunked, byte filler) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, filler);
        String fullHead = head + (chunked ? "\r\nTransfer-Encoding: chunked" : "\r\nContent-Length: " + size);
        return exchange(port, fullHead, out -> {
            long sent = 0;
            while (sent < size) {
                int n = (int) Math.min(chunk.length, size - sent);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += n;
                if (out instanceof Counting counting && counting.answered()) {
                    return;
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static Response exchange(int port, String head, Body body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> read(socket));
            Counting out = new Counting(socket.getOutputStream(), answer);
            try {
                socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeTo(out);
                out.flush();
            } catch (IOException e) {
                // The server answered and closed while the body was still coming: what we test for.
            }
            Response response = answer.get(60, TimeUnit.SECONDS);
            return new Response(response.status(), response.headers(), response.body(), out.bodyBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no HTTP answer", e);
        }
    }

    private static Response read(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.computeIfAbsent(
                                header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
            String body = body(in, headers);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(InputStream in, Map<String, List<String>> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the answer's head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Counts the body bytes written; knows when the answer has come. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final CompletableFuture<Response> answer;
        private long bytes;

        Counting(OutputStream out, CompletableFuture<Response> answer) {
            this.out = out;
            this.answer = answer;
        }

        boolean answered() {
            return answer.isDone();
        }

        long bodyBytes() {
            return bytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            bytes += length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
