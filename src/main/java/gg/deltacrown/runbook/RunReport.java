package gg.deltacrown.runbook;

import gg.deltacrown.validation.ReportDelta;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything one run found, as Phase 8 documents it ({@code TRACKER_UPDATE.md}, the incident
 * summary, the JSON summary for CI).
 *
 * @param environment the service, its instances and the database, in words
 * @param issues what makes the run a NO-GO (empty: GO)
 * @param strictMode when strict mode was on, and that it ended off
 * @param finalFlags the dual-write flags as the run left them
 * @param rollback what the run switched back, in words
 */
record RunReport(
        String runId,
        RunbookRequest request,
        LocalDateTime started,
        Duration duration,
        String environment,
        JsonNode before,
        JsonNode after,
        ReportDelta delta,
        List<SuccessCriteria.Criterion> criteria,
        List<String> issues,
        String strictMode,
        String finalFlags,
        String rollback) {

    boolean go() {
        return issues.isEmpty();
    }

    long count(Outcome.Status status) {
        return criteria.stream()
                .filter(criterion -> criterion.outcome().status() == status)
                .count();
    }
}
