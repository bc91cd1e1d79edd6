package gg.deltacrown.runbook;

import gg.deltacrown.validation.ReportDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The runbook's "Success Criteria" checklist, each item decided from what the automated run saw,
 * with its evidence: {@code SUCCESS_CRITERIA.md}. A FAIL is a NO-GO.
 */
final class SuccessCriteria {

    /** The outbox operations one run of the five flows produces, in flow order. */
    static final List<String> OPERATIONS = List.of(
            "sync_team_created",
            "sync_team_member_added",
            "sync_team_member_updated",
            "sync_team_settings_updated",
            "sync_team_member_removed");

    enum Status {
        PASS("\u2705 PASS"),
        FAIL("\u274C FAIL"),
        SKIPPED("\u23ED\uFE0F SKIPPED"),
        MANUAL("\u270D\uFE0F MANUAL");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    record Criterion(String text, Status status, String evidence) {}

    /**
     * What the run saw.
     *
     * @param dualWriteConfirmed the service applied dual-write on before the flows
     * @param outbox per operation: {rows, rows DONE and completed by a dispatcher}
     * @param mapRow the test team's map row ("vNext 1 -> legacy 7, verified"), null when there is none
     * @param restored true: dual-write switched back and confirmed; false: not confirmed; null: left on by choice
     */
    record Evidence(
            boolean dualWriteConfirmed,
            int flowsCompleted,
            String firstProblem,
            Map<String, long[]> outbox,
            String mapRow,
            boolean mapVerified,
            ReportDelta delta,
            JsonNode after,
            Flows.Latency latency,
            Boolean restored) {}

    private SuccessCriteria() {}

    static List<Criterion> evaluate(Evidence e) {
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new Criterion(
                "Dual-write enabled in staging (ENABLED=true, STRICT_MODE=false)",
                e.dualWriteConfirmed() ? Status.PASS : Status.FAIL,
                e.dualWriteConfirmed()
                        ? "the service published deltacrown_flag_enabled{flag=\"TEAM_VNEXT_DUAL_WRITE_ENABLED\"} 1.0; strict mode off"
                        : "the service did not apply the flag"));
        criteria.add(new Criterion(
                "All 5 test flows executed successfully",
                e.flowsCompleted() == 5 ? Status.PASS : Status.FAIL,
                e.flowsCompleted() + " of 5" + (e.firstProblem() == null ? "" : "; " + e.firstProblem())));
        List<String> missing =
                OPERATIONS.stream().filter(op -> !e.outbox().containsKey(op)).toList();
        criteria.add(new Criterion(
                "Logs show `dual_write_scheduled` for each operation",
                missing.isEmpty() ? Status.PASS : Status.FAIL,
                "outbox rows of the test team (what each `dual_write_scheduled` line records): "
                        + (e.outbox().isEmpty()
                                ? "none"
                                : e.outbox().entrySet().stream()
                                        .map(entry -> entry.getKey() + " " + entry.getValue()[0])
                                        .collect(Collectors.joining(", ")))
                        + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing))));
        criteria.add(new Criterion(
                "Legacy shadow rows verified in database for all operations",
                e.flowsCompleted() == 5 ? Status.PASS : Status.FAIL,
                "team fields, map row and every membership's role, status and left_at compared after each flow ("
                        + e.flowsCompleted() + " of 5 passed)"));
        criteria.add(new Criterion(
                "TeamMigrationMap entries created for new teams",
                e.mapVerified() ? Status.PASS : Status.FAIL,
                e.mapRow() == null ? "no map row" : e.mapRow()));
        criteria.add(new Criterion(
                "Validation report shows increased mapping coverage",
                e.delta().mappedTeams() > 0 ? Status.PASS : Status.FAIL,
                "mapped teams " + signed(e.delta().mappedTeams()) + ", vNext teams "
                        + signed(e.delta().vnextTeams())));
        boolean health = e.after().path("dual_write_health").isObject();
        criteria.add(new Criterion(
                "Dual-write health section appears in report (when enabled)",
                health ? Status.PASS : Status.FAIL,
                health
                        ? "after report: severity "
                                + e.after()
                                        .path("dual_write_health")
                                        .path("severity")
                                        .asString("?")
                        : "after report has no dual_write_health section"));
        Flows.Latency latency = e.latency();
        criteria.add(
                latency == null
                        ? new Criterion(
                                "No performance regressions detected (query count, latency)",
                                Status.SKIPPED,
                                "latency sample not taken")
                        : new Criterion(
                                "No performance regressions detected (query count, latency)",
                                latency.averageMillis() < 200 && latency.p95Millis() < 500 ? Status.PASS : Status.FAIL,
                                String.format(
                                        Locale.ROOT,
                                        "GET team detail x%d: average %.1f ms (< 200), p95 %d ms (< 500), the runbook's thresholds",
                                        latency.requests(),
                                        latency.averageMillis(),
                                        latency.p95Millis())));
        long rows = e.outbox().values().stream().mapToLong(counts -> counts[0]).sum();
        long dispatched =
                e.outbox().values().stream().mapToLong(counts -> counts[1]).sum();
        criteria.add(new Criterion(
                "No inline legacy writes detected (all in on_commit hooks)",
                rows > 0 && rows == dispatched ? Status.PASS : Status.FAIL,
                dispatched + " of " + rows
                        + " shadow writes done by the outbox dispatcher after the request committed"));
        criteria.add(
                new Criterion(
                        "Failure simulation succeeded (if executed)",
                        Status.SKIPPED,
                        "not executed: it needs the app role's legacy privileges revoked (DualWriteFaultIntegrationTests covers it)"));
        criteria.add(
                e.restored() == null
                        ? new Criterion(
                                "Rollback procedure tested and documented",
                                Status.SKIPPED,
                                "dual-write left on (--leave-dual-write-on, or it was on before the run)")
                        : new Criterion(
                                "Rollback procedure tested and documented",
                                e.restored() ? Status.PASS : Status.FAIL,
                                e.restored()
                                        ? "dual-write switched back off at runtime and the service applied it"
                                        : "dual-write switched back off, but the service did not confirm it"));
        criteria.add(new Criterion(
                "Tracker updated with results", Status.MANUAL, "paste the block at the end of SUMMARY.md"));
        return criteria;
    }

    /** The criteria that make the run a NO-GO, except those the flow failure already explains. */
    static List<String> failures(List<Criterion> criteria, boolean flowsFailed) {
        return criteria.stream()
                .filter(criterion -> criterion.status() == Status.FAIL)
                .filter(criterion -> !flowsFailed
                        || !(criterion.text().startsWith("All 5 test flows")
                                || criterion.text().startsWith("Legacy shadow rows verified")))
                .map(criterion -> "Success criterion failed: " + criterion.text() + " (" + criterion.evidence() + ")")
                .toList();
    }

    static String markdown(List<Criterion> criteria, String runId) {
        StringBuilder text = new StringBuilder("# P5-T6 Success Criteria (automated run " + runId + ")\n\n")
                .append("| # | Criterion | Result | Evidence |\n|---|---|---|---|\n");
        for (int i = 0; i < criteria.size(); i++) {
            Criterion criterion = criteria.get(i);
            text.append("| ")
                    .append(i + 1)
                    .append(" | ")
                    .append(criterion.text())
                    .append(" | ")
                    .append(criterion.status().label)
                    .append(" | ")
                    .append(criterion.evidence().replace("|", "\\|"))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static String signed(long value) {
        return (value >= 0 ? "+" : "") + value;
    }
}
