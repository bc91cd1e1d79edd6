package gg.deltacrown.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A failure that is the database's state, not the request's fault: no connection within the
 * pool's timeout (the database is down or every connection is busy), a lost connection (also when
 * the rollback after it failed on that connection), or a request transaction cut by its statement
 * or lock timeout. The answer is 503
 * {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, never a 500
 * (docs/adr/0022-requests-that-fail-safe.md).
 */
enum DatabaseOutage {
    NO_CONNECTION("no_connection", 5),
    STATEMENT_TIMEOUT("statement_timeout", 1),
    LOCK_TIMEOUT("lock_timeout", 1),
    DEADLOCK("deadlock", 1);

    static final String MESSAGE = "Service temporarily unavailable, please retry.";

    private final String reason;
    private final int retryAfterSeconds;

    DatabaseOutage(String reason, int retryAfterSeconds) {
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    String reason() {
        return reason;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The outage somewhere in the cause chain of {@code e}, if it is one. */
    static Optional<DatabaseOutage> of(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<DatabaseOutage> known = bySqlState(sql.getSQLState());
                if (known.isPresent()) {
                    return known;
                }
            }
            if (cause instanceof TransactionSystemException failed && failed.getApplicationException() != null) {
                // The work failed and its rollback too (the connection was gone): nothing committed.
                Optional<DatabaseOutage> before = of(failed.getApplicationException());
                if (before.isPresent()) {
                    return before;
                }
            }
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return Optional.of(NO_CONNECTION);
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseOutage> bySqlState(String state) {
        return switch (state) {
            case "57014" -> Optional.of(STATEMENT_TIMEOUT);
            case "55P03" -> Optional.of(LOCK_TIMEOUT);
            case "40P01" -> Optional.of(DEADLOCK);
            // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
            case "57P01", "57P02", "57P03", "53300" -> Optional.of(NO_CONNECTION);
            default -> state.startsWith("08") ? Optional.of(NO_CONNECTION) : Optional.empty();
        };
    }
}
