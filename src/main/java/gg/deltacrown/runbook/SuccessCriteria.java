package gg.deltacrown.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's "Success Criteria" checklist, all twelve items, each decided from what the run
 * saw and shown with its evidence ({@code SUCCESS_CRITERIA.md}). A FAIL is a NO-GO; SKIPPED only
 * when the operator opted out with the option the evidence names.
 */
final class SuccessCriteria {

    /** The outbox operations the five flows produce, in flow order. */
    static final List<String> OPERATIONS = List.of(
            "sync_team_created",
            "sync_team_member_added",
            "sync_team_member_updated",
            "sync_team_settings_updated",
            "sync_team_member_removed");

    static final List<String> TEXTS = List.of(
            "Dual-write enabled in staging (ENABLED=true, STRICT_MODE=false)",
            "All 5 test flows executed successfully (team create, member add/update/remove, settings update)",
            "Logs show `dual_write_scheduled` for each operation",
            "Legacy shadow rows verified in database for all operations",
            "TeamMigrationMap entries created for new teams",
            "Validation report shows increased mapping coverage",
            "Dual-write health section appears in report (when enabled)",
            "No performance regressions detected (query count, latency)",
            "No inline legacy writes detected (all in on_commit hooks)",
            "Failure simulation succeeded (if executed): vNext request OK, failure logged",
            "Rollback procedure tested and documented",
            "Tracker updated with results");

    record Criterion(int number, String text, Outcome outcome) {}

    private SuccessCriteria() {}

    /** The twelve outcomes, in the runbook's order; the list must have twelve. */
    static List<Criterion> of(List<Outcome> outcomes) {
        if (outcomes.size() != TEXTS.size()) {
            throw new IllegalArgumentException("expected " + TEXTS.size() + " outcomes, got " + outcomes.size());
        }
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            criteria.add(new Criterion(i + 1, TEXTS.get(i), outcomes.get(i)));
        }
        return criteria;
    }

    /** The criteria that make the run a NO-GO, one line each. */
    static List<String> failures(List<Criterion> criteria) {
        return criteria.stream()
                .filter(criterion -> criterion.outcome().failed())
                .map(criterion -> "Success criterion " + criterion.number() + " failed: " + criterion.text() + " ("
                        + criterion.outcome().evidence() + ")")
                .toList();
    }

    static String markdown(List<Criterion> criteria, String runId) {
        StringBuilder text = new StringBuilder("# P5-T6 Success Criteria (automated run " + runId + ")\n\n")
                .append("| # | Criterion | Result | Evidence |\n|---|---|---|---|\n");
        for (Criterion criterion : criteria) {
            text.append("| ")
                    .append(criterion.number())
                    .append(" | ")
                    .append(criterion.text())
                    .append(" | ")
                    .append(criterion.outcome().status().label)
                    .append(" | ")
                    .append(criterion.outcome().evidence().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        return text.toString();
    }
}
