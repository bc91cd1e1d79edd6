package gg.deltacrown.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP link between a client and PostgreSQL that can be cut the way a network or a crashed server
 * cuts it: {@link #cutOnNext} arms it, and the next message a client sends that contains the
 * marker (a plain-text query of PostgreSQL's protocol, no TLS on 127.0.0.1) is not forwarded; both
 * ends of that connection are closed instead, so the client reads end of stream, an
 * {@code EOFException} under the driver's {@code PSQLException} (SQLSTATE 08006). Every other byte
 * and connection passes through unchanged.
 */
public final class CuttableLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Cut> armed = new AtomicReference<>();

    private CuttableLink(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to {@code upstreamPort} there. */
    public static CuttableLink to(int upstreamPort) {
        try {
            CuttableLink link =
                    new CuttableLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
            daemon("cuttable-link-accept", link::accept);
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts the connection that next sends a message containing {@code marker}; once. */
    public Cut cutOnNext(String marker) {
        Cut cut = new Cut(marker.getBytes(StandardCharsets.UTF_8));
        if (!armed.compareAndSet(null, cut)) {
            throw new IllegalStateException("a cut is already armed");
        }
        return cut;
    }

    /** One armed cut: {@link #await} says whether it happened in time. */
    public final class Cut {
        private final byte[] marker;
        private final CountDownLatch done = new CountDownLatch(1);

        private Cut(byte[] marker) {
            this.marker = marker;
        }

        public boolean await(long seconds) throws InterruptedException {
            return done.await(seconds, TimeUnit.SECONDS);
        }

        /** Disarms it if it has not happened. */
        public void cancel() {
            armed.compareAndSet(this, null);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                daemon("cuttable-link-up", () -> pipe(client, server, true));
                daemon("cuttable-link-down", () -> pipe(server, client, false));
            } catch (IOException e) {
                // Closed, or the server refused: the client sees its connection end.
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                Cut cut = fromClient ? armed.get() : null;
                if (cut != null && contains(buffer, n, cut.marker) && armed.compareAndSet(cut, null)) {
                    // Counted before the sockets close: the client's answer follows the close, and
                    // a test that has it must find the cut recorded (a CI run read it between).
                    cut.done.countDown();
                    close(from);
                    close(to);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The other direction closed this connection.
        } finally {
            close(from);
            close(to);
        }
    }

    private static boolean contains(byte[] data, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
        sockets.forEach(this::close);
    }
}
