package gg.deltacrown.migration;

import gg.deltacrown.legacy.ShadowResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

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

    /** A row whose legacy shadow is now committed (or, in strict mode, commits with the request). */
    void completed(OutboxEntry entry, ShadowResult result, long durationMs, OffsetDateTime now) {
        long lagMs = Math.max(0, Duration.between(entry.createdAt(), now).toMillis());
        lag.record(Duration.ofMillis(lagMs));
        counter("deltacrown.dualwrite.completed", entry.operation(), null).increment();
        log.atInfo()
                .addKeyValue("event_type", "dual_write_completed")
                .addKeyValue("operation", entry.operation().logName())
                .addKeyValue("team_id", entry.teamId())
                .addKeyValue("membership_id", entry.membershipId())
                .addKeyValue("user_id", entry.actorUserId())
                .addKeyValue("legacy_team_id", result.legacyTeamId())
                .addKeyValue("verified", result.verified())
                .addKeyValue("duration_ms", durationMs)
                .addKeyValue("lag_ms", lagMs)
                .addKeyValue("outbox_id", entry.id())
                .log("Dual-write completed for {}: {}", entry.operation().logName(), entry.teamId());
    }

    /** A failed attempt of a row: retried later ({@code warning}) or not any more ({@code error}). */
    void failed(OutboxEntry entry, int attempt, boolean finalFailure, Throwable failure) {
        failed(
                entry,
                entry.id(),
                attempt,
                finalFailure ? "error" : "warning",
                exceptionType(failure),
                describe(failure));
    }

    /** A row blocked at once: retrying cannot help ({@link ShadowSync.Outcome#whyBlocked}). */
    void blocked(OutboxEntry entry, int attempt, String reason) {
        failed(entry, entry.id(), attempt, "error", reason, reason.replace('_', ' '));
    }

    /** A strict-mode change that could not be mirrored: the request and its outbox row roll back. */
    void failedInRequest(ShadowSync.Change change, Throwable failure) {
        failed(change, null, 1, "error", exceptionType(failure), describe(failure));
    }

    private void failed(
            ShadowSync.Change change, Long outboxId, int attempt, String severity, String exceptionType, String error) {
        SyncOperation operation = change.operation();
        counter("deltacrown.dualwrite.failed", operation, severity).increment();
        var event = "error".equals(severity) ? log.atError() : log.atWarn();
        event.addKeyValue("event_type", "dual_write_failed")
                .addKeyValue("operation", operation.logName())
                .addKeyValue("team_id", change.teamId())
                .addKeyValue("membership_id", change.membershipId())
                .addKeyValue("user_id", change.actorUserId())
                .addKeyValue("severity", severity)
                .addKeyValue("attempt", attempt)
                .addKeyValue("exception_type", exceptionType)
                .addKeyValue("error", error)
                .addKeyValue("outbox_id", outboxId)
                .log("Dual-write failed for {}: {}", operation.logName(), change.teamId());
    }

    /** The SQL exception's class when there is one, else the root cause's. */
    static String exceptionType(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    /** The root cause's first line: no SQL text, no parameters. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 500 ? firstLine.substring(0, 500) : firstLine;
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
