package gg.deltacrown.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
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
 *
 * <p>No connection is trusted: the server's roles (superuser, schema owner, runtime role) have
 * generated passwords kept in {@link EmbeddedCredentials} and authenticate with scram-sha-256, from
 * the first {@code initdb} on; see {@link EmbeddedRoles} for the roles and the in-place upgrade of a
 * data directory made before.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_STOP_DEADLINE = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private final EmbeddedPostgres server;
    private final EmbeddedCredentials credentials;

    private EmbeddedDatabase(Path dataDirectory, int port, EmbeddedPostgres server, EmbeddedCredentials credentials) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.server = server;
        this.credentials = credentials;
    }

    /** Attaches to the server running on {@code baseDirectory}, or starts one. */
    public static EmbeddedDatabase open(Path baseDirectory) throws IOException {
        Path base = baseDirectory.toAbsolutePath().normalize();
        Files.createDirectories(base);
        Path pgdata = base.resolve("pgdata");
        Path ownerFile = base.resolve("pgdata.owner");

        if (!EmbeddedCredentials.exist(base)
                && Files.exists(pgdata.resolve("postgresql.conf"))
                && !EmbeddedRoles.trustsLocalUsers(pgdata)) {
            throw new IOException("the passwords of the embedded PostgreSQL (" + EmbeddedCredentials.file(base)
                    + ") are missing; restore the file, or remove " + base + " to start over with an empty database");
        }
        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(base);

        Optional<RunningServer> running = RunningServer.read(pgdata);
        if (running.isPresent()) {
            RunningServer server = running.get();
            if (ownerAlive(ownerFile)) {
                log.atInfo()
                        .addKeyValue("event_type", "embedded_postgres_attached")
                        .addKeyValue("port", server.port())
                        .addKeyValue("data_dir", pgdata)
                        .log("Attached to the embedded PostgreSQL of a running instance");
                return new EmbeddedDatabase(pgdata, server.port(), null, credentials);
            }
            stopOrphan(server);
        }

        Files.createDirectories(pgdata);
        EmbeddedPostgres postgres = start(pgdata, base, credentials);
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        EmbeddedDatabase database = new EmbeddedDatabase(pgdata, postgres.getPort(), postgres, credentials);
        try {
            database.secure();
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        log.atInfo()
                .addKeyValue("event_type", "embedded_postgres_started")
                .addKeyValue("port", postgres.getPort())
                .addKeyValue("data_dir", pgdata)
                .log("Started embedded PostgreSQL");
        return database;
    }

    /**
     * A new data directory is initialised with password authentication and the superuser's
     * password (zonky appends its "locale" options to initdb's command line, after its own
     * {@code -A trust}, so they win); the readiness check logs in with that password.
     */
    private static EmbeddedPostgres start(Path pgdata, Path base, EmbeddedCredentials credentials) throws IOException {
        String superuserPassword = credentials.password(DatabaseRoles.EMBEDDED_SUPERUSER);
        Path passwordFile = Files.createTempFile(
                base,
                ".initdb",
                ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
            return builder(pgdata)
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", superuserPassword)
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path pgdata) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The persistent default holds real data: keep it durable (zonky turns fsync off).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("max_connections", "200");
    }

    /** Roles, passwords and authentication as the security model says; see {@link EmbeddedRoles}. */
    private void secure() throws IOException {
        DatabaseUrl superuser = url(DatabaseRoles.EMBEDDED_SUPERUSER);
        try (Connection connection = superuser.connect()) {
            if (EmbeddedRoles.secure(connection, credentials, dataDirectory)) {
                log.atInfo()
                        .addKeyValue("event_type", "embedded_postgres_secured")
                        .addKeyValue("data_dir", dataDirectory)
                        .addKeyValue("credentials", credentials.file())
                        .log("Embedded PostgreSQL: every connection now needs its role's password (scram-sha-256)");
            }
        } catch (SQLException e) {
            throw new IOException("cannot set up the roles of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The role the service serves as. */
    public DatabaseUrl runtimeUrl() {
        return url(DatabaseRoles.EMBEDDED_RUNTIME);
    }

    /** The schema owner: Flyway and the grants run as it. */
    public DatabaseUrl ownerUrl() {
        return url(DatabaseRoles.EMBEDDED_OWNER);
    }

    private DatabaseUrl url(String role) {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + port + "/postgres", role, credentials.password(role));
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
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
