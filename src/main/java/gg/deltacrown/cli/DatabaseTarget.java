package gg.deltacrown.cli;

import gg.deltacrown.database.DatabaseHealth;
import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The database a command runs against: {@code DATABASE_URL} (the runtime role) and, when set,
 * {@code DATABASE_OWNER_URL} (the schema owner), nothing started; else the embedded PostgreSQL in
 * the data directory (attached to, or started and later stopped) with its own two roles.
 */
final class DatabaseTarget implements AutoCloseable {

    private final DatabaseUrl url;
    private final DatabaseUrl ownerUrl;
    private final EmbeddedDatabase embedded;
    private boolean closed;

    private DatabaseTarget(DatabaseUrl url, DatabaseUrl ownerUrl, EmbeddedDatabase embedded) {
        this.url = url;
        this.ownerUrl = ownerUrl;
        this.embedded = embedded;
    }

    static DatabaseTarget resolve(Settings settings) {
        if (settings.databaseUrl() != null) {
            DatabaseUrl url = parse("DATABASE_URL", settings.databaseUrl());
            DatabaseUrl owner = settings.databaseOwnerUrl() == null
                    ? null
                    : parse("DATABASE_OWNER_URL", settings.databaseOwnerUrl());
            checkReachable(url);
            if (owner != null) {
                checkReachable(owner);
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

    /** Fails fast, with one clear line, when the server cannot be reached or refuses the login. */
    private static void checkReachable(DatabaseUrl url) {
        try {
            DatabaseHealth.checkReachable(url);
        } catch (SQLException e) {
            throw new StartupException("cannot connect to the database " + url.describe() + ": " + rootMessage(e));
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
