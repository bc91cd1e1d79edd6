package gg.deltacrown.migration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dual-write's log events ({@code dual_write_completed}, {@code dual_write_failed}) and their
 * metrics, so both always say the same thing.
 */
@Component
class DualWriteEvents {

    private static final Logger log = LoggerFactory.getLogger(DualWriteEvents.class);

    private final MeterRegistry registry;
    private final Timer lag;
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    DualWriteEvents(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("deltacrown.dualwrite.lag")
                .description("From the vNext write to its legacy shadow being committed")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    void completed(OutboxEntry entry, long legacyTeamId, boolean verified, long durationMs, OffsetDateTime now) {
        long lagMs = Math.max(0, Duration.between(entry.createdAt(), now).toMillis());
        lag.record(Duration.ofMillis(lagMs));
        counter("deltacrown.dualwrite.completed", entry.operation(), null).increment();
        log.atInfo()
                .addKeyValue("event_type", "dual_write_completed")
                .addKeyValue("operation", entry.operation().logName())
                .addKeyValue("team_id", entry.teamId())
                .addKeyValue("membership_id", entry.membershipId())
                .addKeyValue("user_id", entry.actorUserId())
                .addKeyValue("legacy_team_id", legacyTeamId)
                .addKeyValue("verified", verified)
                .addKeyValue("duration_ms", durationMs)
                .addKeyValue("lag_ms", lagMs)
                .addKeyValue("outbox_id", entry.id())
                .log("Dual-write completed for {}: {}", entry.operation().logName(), entry.teamId());
    }

    /**
     * A failed attempt ({@code severity=warning}) or a row that will not be retried
     * ({@code severity=error}: blocked, or strict mode).
     */
    void failed(
            SyncOperation operation,
            long teamId,
            Long membershipId,
            Long userId,
            Long outboxId,
            int attempt,
            String severity,
            String exceptionType,
            String error) {
        counter("deltacrown.dualwrite.failed", operation, severity).increment();
        var event = "error".equals(severity) ? log.atError() : log.atWarn();
        event.addKeyValue("event_type", "dual_write_failed")
                .addKeyValue("operation", operation.logName())
                .addKeyValue("team_id", teamId)
                .addKeyValue("membership_id", membershipId)
                .addKeyValue("user_id", userId)
                .addKeyValue("severity", severity)
                .addKeyValue("attempt", attempt)
                .addKeyValue("exception_type", exceptionType)
                .addKeyValue("error", error)
                .addKeyValue("outbox_id", outboxId)
                .log("Dual-write failed for {}: {}", operation.logName(), teamId);
    }

    private Counter counter(String name, SyncOperation operation, String severity) {
        return counters.computeIfAbsent(name + "/" + operation + "/" + severity, key -> {
            Counter.Builder builder = Counter.builder(name).tag("operation", operation.logName());
            if (severity != null) {
                builder.tag("severity", severity);
            }
            return builder.register(registry);
        });
    }
}
