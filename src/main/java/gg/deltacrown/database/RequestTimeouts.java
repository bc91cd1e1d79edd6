package gg.deltacrown.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a request's transaction may wait ({@code deltacrown.request-transactions.*};
 * application.yml maps the environment variables onto them). See {@link RequestTransactions}.
 *
 * @param statementTimeout {@code REQUEST_STATEMENT_TIMEOUT}: the longest statement of a request's
 *     read-write transaction (0: no limit)
 * @param lockTimeout {@code REQUEST_LOCK_TIMEOUT}: the longest wait for a row or table lock inside a
 *     request's transaction (0: no limit)
 */
@ConfigurationProperties("deltacrown.request-transactions")
public record RequestTimeouts(Duration statementTimeout, Duration lockTimeout) {

    public RequestTimeouts {
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
        lockTimeout = lockTimeout == null ? Duration.ofSeconds(2) : lockTimeout;
        if (statementTimeout.isNegative() || lockTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "REQUEST_STATEMENT_TIMEOUT and REQUEST_LOCK_TIMEOUT must not be negative (0 means no limit)");
        }
    }
}
