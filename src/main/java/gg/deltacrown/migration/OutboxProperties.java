package gg.deltacrown.migration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the outbox dispatcher ({@code deltacrown.outbox.*}, environment {@code OUTBOX_*}).
 *
 * @param workers dispatcher threads per instance; 0: this instance serves but does not dispatch
 * @param batchSize outbox rows claimed per dispatch transaction
 * @param maxAttempts failed attempts before a row is BLOCKED
 * @param pollInterval how often an idle dispatcher looks for due rows (a commit wakes it at once)
 * @param coalesceWindow how long a worker woken by a commit waits for more commits before it
 *     dispatches (0: none), so that a steady rate is dispatched in batches (docs/adr/0028)
 * @param initialBackoff delay after the first failure; doubles per attempt, with jitter
 * @param maxBackoff the cap of the delay
 * @param retention how long DONE rows are kept before {@code outbox purge} removes them
 */
@ConfigurationProperties("deltacrown.outbox")
public record OutboxProperties(
        Integer workers,
        Integer batchSize,
        Integer maxAttempts,
        Duration pollInterval,
        Duration coalesceWindow,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration retention) {

    public OutboxProperties {
        workers = workers == null ? 2 : workers;
        batchSize = batchSize == null ? 500 : batchSize;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        coalesceWindow = coalesceWindow == null ? Duration.ofMillis(40) : coalesceWindow;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        retention = retention == null ? Duration.ofDays(7) : retention;
        if (workers < 0 || batchSize < 1 || maxAttempts < 1 || coalesceWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "outbox workers and coalesce window must be 0 or more; batch size and max attempts at least 1");
        }
    }
}
