package gg.deltacrown.cli;

import gg.deltacrown.database.DatabaseHealth;
import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The database a command runs against: {@code DATABASE_URL} when set (nothing is started), else
 * the embedded PostgreSQL in the data directory (attached to, or started and later stopped).
 */
final class DatabaseTarget implements AutoCloseable {

    private final DatabaseUrl url;
    private final EmbeddedDatabase embedded;
    private boolean closed;

    private DatabaseTarget(DatabaseUrl url, EmbeddedDatabase embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    static DatabaseTarget resolve(Settings settings) {
        if (settings.databaseUrl() != null) {
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(settings.databaseUrl());
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage());
            }
            checkReachable(url);
            return new DatabaseTarget(url, null);
        }
        Path dataDir = settings.dataDirectory();
        try {
            EmbeddedDatabase embedded = EmbeddedDatabase.open(dataDir);
            return new DatabaseTarget(embedded.url(), embedded);
        } catch (IOException | RuntimeException e) {
            throw new StartupException(
                    "cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath() + ": " + rootMessage(e), e);
        }
    }

    DatabaseUrl url() {
        return url;
    }

    boolean embedded() {
        return embedded != null;
    }

    /** True when this process started the embedded PostgreSQL (it stops when this process does). */
    boolean startedHere() {
        return embedded != null && embedded.owned();
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
