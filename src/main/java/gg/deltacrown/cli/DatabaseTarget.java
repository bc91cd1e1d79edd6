package gg.deltacrown.cli;

import gg.deltacrown.database.DatabaseHealth;
import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a command runs against: {@code DATABASE_URL} (the runtime role) and, when set,
 * {@code DATABASE_OWNER_URL} (the schema owner), nothing started; else the embedded PostgreSQL in
 * the data directory (attached to, or started and later stopped) with its own two roles.
 */
final class DatabaseTarget implements AutoCloseable {

    private final DatabaseUrl url;
    private static final Logger log = LoggerFactory.getLogger(DatabaseTarget.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final DatabaseUrl ownerUrl;
    private final EmbeddedDatabase embedded;
    private boolean closed;

    private DatabaseTarget(DatabaseUrl url, DatabaseUrl ownerUrl, EmbeddedDatabase embedded) {
        this.url = url;
        this.ownerUrl = ownerUrl;
        this.embedded = embedded;
    }

    static DatabaseTarget resolve(Settings settings) {
        return resolve(settings, Duration.ZERO, () -> false);
    }

    /**
     * As {@link #resolve(Settings)}, but a server that does not accept connections yet (restarting,
     * failing over, starting beside the service) is waited for, up to {@code wait}: what {@code serve}
     * does, so a restart of the database does not turn into a crash loop of every instance. Errors
     * that waiting cannot fix (a refused login, an unknown database) end the wait at once.
     */
    static DatabaseTarget resolve(Settings settings, Duration wait, BooleanSupplier stopping) {
        if (settings.databaseUrl() != null) {
            DatabaseUrl url = parse("DATABASE_URL", settings.databaseUrl());
            DatabaseUrl owner = settings.databaseOwnerUrl() == null
                    ? null
                    : parse("DATABASE_OWNER_URL", settings.databaseOwnerUrl());
            checkReachable(url, wait, stopping);
            if (owner != null) {
                checkReachable(owner, Duration.ZERO, stopping);
            }
            return new DatabaseTarget(url, owner, null);
        }
        if (settings.databaseOwnerUrl() != null) {
            throw new StartupException("DATABASE_OWNER_URL is set but DATABASE_URL is not: set DATABASE_URL to the"
                    + " role the service runs as (the owner URL alone would start the embedded database)");
        }
        Path dataDir = settings.dataDirectory();
        try {
            EmbeddedDatabase embedded = EmbeddedDatabase.open(dataDir);
            return new DatabaseTarget(embedded.runtimeUrl(), embedded.ownerUrl(), embedded);
        } catch (IOException | RuntimeException e) {
            throw new StartupException(
                    "cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath() + ": " + rootMessage(e), e);
        }
    }

    /** The runtime role's URL: the service serves as it. */
    DatabaseUrl url() {
        return url;
    }

    /** The schema owner's URL, or null when only {@code DATABASE_URL} is set. */
    DatabaseUrl ownerUrl() {
        return ownerUrl;
    }

    boolean embedded() {
        return embedded != null;
    }

    /** True when this process started the embedded PostgreSQL (it stops when this process does). */
    boolean startedHere() {
        return embedded != null && embedded.owned();
    }

    private static DatabaseUrl parse(String variable, String value) {
        try {
            return DatabaseUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage().replace("DATABASE_URL", variable));
        }
    }

    /**
     * Fails, with one clear line, when the server refuses the login or is still unreachable once
     * {@code wait} has passed; meanwhile one WARN {@code database_unavailable_at_startup} every
     * {@link #REPORT_EVERY}.
     */
    private static void checkReachable(DatabaseUrl url, Duration wait, BooleanSupplier stopping) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        long nextReport = start;
        for (int attempt = 1; ; attempt++) {
            try {
                DatabaseHealth.checkReachable(url);
                if (attempt > 1) {
                    log.atInfo()
                            .addKeyValue("event_type", "database_available")
                            .addKeyValue("database", url.describe())
                            .addKeyValue("waited_ms", (System.nanoTime() - start) / 1_000_000)
                            .addKeyValue("attempts", attempt)
                            .log("The database accepts connections");
                }
                return;
            } catch (SQLException e) {
                long now = System.nanoTime();
                if (!DatabaseHealth.mayBecomeReachable(e) || now >= deadline || stopping.getAsBoolean()) {
                    throw new StartupException(
                            "cannot connect to the database " + url.describe() + ": " + rootMessage(e)
                                    + (attempt > 1
                                            ? " (waited "
                                                    + Duration.ofNanos(now - start)
                                                            .toSeconds() + " s; DATABASE_STARTUP_WAIT sets how long)"
                                            : ""));
                }
                if (now >= nextReport) {
                    log.atWarn()
                            .addKeyValue("event_type", "database_unavailable_at_startup")
                            .addKeyValue("database", url.describe())
                            .addKeyValue("sqlstate", e.getSQLState())
                            .addKeyValue("error", rootMessage(e))
                            .addKeyValue(
                                    "waited_seconds",
                                    Duration.ofNanos(now - start).toSeconds())
                            .addKeyValue(
                                    "gives_up_in_seconds",
                                    Duration.ofNanos(deadline - now).toSeconds())
                            .log("The database does not accept connections yet; waiting (DATABASE_STARTUP_WAIT)");
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the database");
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Idempotent: a shutdown during start-up may close it twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("warning: could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }
}
