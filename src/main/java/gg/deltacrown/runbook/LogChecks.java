package gg.deltacrown.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runbook's log greps (Phases 3.2, 5.3 and 6.2) answered from the service's logs when the
 * operator gave them, each match kept under {@code logs/grep_*.txt}; without logs, the evidence
 * that replaces each grep, and says so.
 */
final class LogChecks {

    private static final List<String> MEMBER_OPERATIONS =
            List.of("sync_team_member_added", "sync_team_member_updated", "sync_team_member_removed");

    private final RunContext run;
    private final ServiceLogs logs;

    /** @param logs null when no logs were given */
    LogChecks(RunContext run, ServiceLogs logs) {
        this.run = run;
        this.logs = logs;
    }

    /**
     * Criterion 3: a {@code dual_write_scheduled} line per flow operation with the flow's
     * {@code team_id} (and {@code membership_id} for the member operations).
     */
    Outcome scheduled(long team, long membership, Map<String, long[]> outbox) {
        if (logs == null) {
            List<String> missing = SuccessCriteria.OPERATIONS.stream()
                    .filter(op -> !outbox.containsKey(op))
                    .toList();
            return Outcome.of(
                    team != 0 && missing.isEmpty(),
                    "no logs given (--log-file, --kubectl-logs or --compose-file): replaced by the test team's outbox"
                            + " rows, which each dual_write_scheduled line announces: "
                            + (outbox.isEmpty()
                                    ? "none"
                                    : outbox.entrySet().stream()
                                            .map(entry -> entry.getKey() + " " + entry.getValue()[0])
                                            .collect(Collectors.joining(", ")))
                            + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing)));
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder grep = new StringBuilder();
        for (String operation : SuccessCriteria.OPERATIONS) {
            boolean member = MEMBER_OPERATIONS.contains(operation);
            List<ServiceLogs.Line> lines = logs.events(
                    "dual_write_scheduled",
                    line -> operation.equals(line.field("operation"))
                            && Long.toString(team).equals(line.field("team_id"))
                            && (!member || Long.toString(membership).equals(line.field("membership_id"))));
            lines.forEach(line -> grep.append(line.text()).append('\n'));
            String what = operation + " team_id=" + team + (member ? " membership_id=" + membership : "");
            (lines.isEmpty() ? missing : found).add(what + (lines.isEmpty() ? "" : " (" + lines.size() + ")"));
        }
        run.artifacts.put(run.logs("grep_dual_write_scheduled.txt"), grep.toString());
        return Outcome.of(
                team != 0 && missing.isEmpty(),
                "grep dual_write_scheduled in " + run.request.logs().describe() + " (" + logs.size() + " lines): "
                        + (found.isEmpty() ? "none" : String.join(", ", found))
                        + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing))
                        + " (logs/grep_dual_write_scheduled.txt)");
    }

    /** Phase 5.3's grep: legacy SQL in the logs outside the dual-write; none expected. */
    Outcome inlineSql() {
        if (logs == null) {
            return Outcome.pass("no logs given for the runbook's grep of legacy SQL: replaced by the transaction"
                    + " evidence above");
        }
        List<ServiceLogs.Line> lines = logs.inlineLegacyWrites();
        run.artifacts.put(
                run.logs("grep_inline_legacy_writes.txt"),
                lines.stream().map(line -> line.text() + "\n").collect(Collectors.joining()));
        return Outcome.of(
                lines.isEmpty(),
                "grep -E '" + ServiceLogs.INLINE_LEGACY_SQL.pattern() + "' | grep -v dual_write in the logs: "
                        + lines.size() + " lines (logs/grep_inline_legacy_writes.txt)");
    }

    /**
     * Phases 2.3 and 6.2: the {@code dual_write_failed} lines of the forced failures, by severity.
     * Without logs the counters of the instances (checked by each phase) are the evidence.
     */
    Outcome failures(Long failureTeam, boolean strictExpected) {
        if (logs == null) {
            return Outcome.pass("no logs given for the grep of dual_write_failed: replaced by the instances'"
                    + " deltacrown_dualwrite_failed_total counters");
        }
        List<ServiceLogs.Line> errors =
                logs.events("dual_write_failed", line -> "error".equalsIgnoreCase(line.field("severity")));
        List<ServiceLogs.Line> warnings = failureTeam == null
                ? List.of()
                : logs.events(
                        "dual_write_failed",
                        line -> "warning".equalsIgnoreCase(line.field("severity"))
                                && failureTeam.toString().equals(line.field("team_id")));
        StringBuilder grep = new StringBuilder();
        errors.forEach(line -> grep.append(line.text()).append('\n'));
        warnings.forEach(line -> grep.append(line.text()).append('\n'));
        run.artifacts.put(run.logs("grep_dual_write_failed.txt"), grep.toString());
        boolean passed = (!strictExpected || !errors.isEmpty()) && (failureTeam == null || !warnings.isEmpty());
        return Outcome.of(
                passed,
                "grep dual_write_failed in the logs: " + errors.size() + " with severity=error (strict mode), "
                        + warnings.size() + " with severity=warning for team_id=" + failureTeam
                        + " (logs/grep_dual_write_failed.txt)");
    }
}
