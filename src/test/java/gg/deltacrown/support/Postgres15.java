package gg.deltacrown.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway PostgreSQL 15 cluster from Debian's server binaries: "a separately started server"
 * for the {@code DATABASE_URL} path (scripts/test.sh installs postgresql-15 when missing).
 */
public final class Postgres15 implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final int port;

    private Postgres15(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static Postgres15 start() {
        try {
            Path directory = Files.createTempDirectory("pg15-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            run("initdb", "-D", directory.resolve("data").toString(), "-U", "postgres", "-A", "trust");
            Postgres15 postgres = new Postgres15(directory, ServiceProcess.freePort());
            postgres.startAgain();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and data. */
    public void startAgain() {
        run(
                "pg_ctl",
                "-D",
                directory.resolve("data").toString(),
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + directory,
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "start");
    }

    /** Stops the server as an operator would ({@code pg_ctl stop -m fast}: sessions are ended). */
    public void stop() {
        run("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    public String url() {
        return "postgres://postgres@127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /**
     * Restarts the server on the same port: {@code fast} (clients disconnected, checkpoint) or
     * {@code immediate} (no checkpoint: crash recovery at start, as after a power loss). Returns once
     * the server accepts connections again.
     */
    public void restart(String mode) {
        if (!mode.equals("fast") && !mode.equals("immediate")) {
            throw new IllegalArgumentException("shutdown mode fast or immediate, not " + mode);
        }
        run(
                "pg_ctl",
                "-D",
                directory.resolve("data").toString(),
                "-m",
                mode,
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + directory,
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "restart");
    }

    /** The server's log (pg_ctl -l), for a report on a failed run. */
    public Path log() {
        return directory.resolve("server.log");
    }

    @Override
    public void close() {
        stop();
    }

    private static void run(String binary, String... arguments) {
        List<String> command =
                new ArrayList<>(List.of("unshare", "-U", BIN.resolve(binary).toString()));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(binary + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
