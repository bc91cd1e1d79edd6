package gg.deltacrown.validation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A stored full verification ({@code organizations_verification_run}).
 *
 * @param outcome {@code CLEAN}, {@code DRIFT} or {@code FAILED} (then {@code error} says why)
 * @param driftPairs pairs per {@link DriftKind#id()}, every kind (empty for a failed run)
 */
public record VerificationRun(
        long id,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        long durationMs,
        String instance,
        String outcome,
        long comparedPairs,
        long comparedVnextMemberships,
        long comparedLegacyMemberships,
        long driftedPairs,
        Map<String, Long> driftPairs,
        List<ValidationReport.DriftSample> samples,
        String error) {

    public Duration age(OffsetDateTime now) {
        return Duration.between(finishedAt, now);
    }

    /** The kinds with drift, in kind order. */
    public Map<String, Long> drifted() {
        Map<String, Long> drifted = new java.util.LinkedHashMap<>();
        driftPairs.forEach((kind, count) -> {
            if (count > 0) {
                drifted.put(kind, count);
            }
        });
        return drifted;
    }
}
