package gg.deltacrown.runbook;

import gg.deltacrown.validation.ReportDelta;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The twelve success criteria decided from the phases' outcomes, in the runbook's order
 * ({@link SuccessCriteria#TEXTS}).
 */
final class Verdicts {

    private final RunContext run;
    private final RunbookPhases phases;
    private final LogChecks logs;
    private final ReportDelta delta;
    private final Outcome restored;

    Verdicts(RunContext run, RunbookPhases phases, LogChecks logs, ReportDelta delta, Outcome restored) {
        this.run = run;
        this.phases = phases;
        this.logs = logs;
        this.delta = delta;
        this.restored = restored;
    }

    List<Outcome> outcomes() {
        Flows flows = phases.flows;
        Map<String, long[]> outbox = phases.flowsOutbox;
        return List.of(
                phases.dualWriteOn.and(phases.strictOffForFlows),
                flowsOutcome(flows),
                logs.scheduled(flows.teamId(), flows.membershipId(), outbox),
                Outcome.of(
                        flows.completed() == 5,
                        "team fields, map row and every membership's role, status and left_at compared with vNext after"
                                + " each flow: " + flows.completed() + " of 5 matched"),
                phases.mapRows,
                Outcome.of(
                        delta.mappedTeams() > 0,
                        "mapped teams " + signed(delta.mappedTeams()) + ", vNext teams " + signed(delta.vnextTeams())
                                + " (delta.json)"),
                healthSection(),
                phases.latency,
                inline(flows),
                failures(),
                phases.rollback
                        .and(phases.cleanup)
                        .and(restored)
                        .and(Outcome.pass("commands and output in logs/rollback.txt; procedure:"
                                + " docs/runbooks/DUAL_WRITE_ROLLBACK.md")),
                Outcome.pass(TrackerUpdate.TRACKER + " written with the runbook's fields"
                        + (run.request.tracker() == null ? "" : " and appended to " + run.request.tracker())
                        + "; " + TrackerUpdate.INCIDENT + " too when the run is a NO-GO"));
    }

    private static Outcome flowsOutcome(Flows flows) {
        return Outcome.of(
                flows.completed() == 5,
                flows.completed() + " of 5" + (flows.problem() == null ? "" : "; " + flows.problem()));
    }

    private Outcome healthSection() {
        JsonNode after = phases.after;
        boolean present = after != null && after.path("dual_write_health").isObject();
        return Outcome.of(
                present,
                present
                        ? "after report: severity "
                                + after.path("dual_write_health")
                                        .path("severity")
                                        .asString("?") + ", missing legacy "
                                + after.path("dual_write_health")
                                        .path("missing_legacy_count")
                                        .asLong(0)
                        : "after report has no dual_write_health section");
    }

    /** Criterion 9: per flow, which transaction wrote the legacy rows; the audit; the logs' grep. */
    private Outcome inline(Flows flows) {
        List<Outcome> writers = flows.writers();
        if (writers.isEmpty()) {
            return Outcome.notReached("no flow completed").and(logs.inlineSql());
        }
        boolean allByDispatch = writers.stream().allMatch(Outcome::passed) && writers.size() == 5;
        Outcome transactions = Outcome.of(
                allByDispatch,
                writers.size()
                        + " of 5 flows: every legacy row written by a dispatch transaction, none by the request's"
                        + " (" + writers.stream().map(Outcome::evidence).collect(Collectors.joining(" | ")) + ")");
        return transactions.and(phases.audit).and(logs.inlineSql());
    }

    private Outcome failures() {
        Outcome outcome = phases.strict.and(phases.failure);
        boolean strictRan = phases.strictSmoke != null && phases.strict.passed();
        Long failureTeam = phases.failureSimulation == null ? null : phases.failureSimulation.teamId();
        if (strictRan || failureTeam != null) {
            outcome = outcome.and(logs.failures(failureTeam, strictRan));
        }
        return outcome;
    }

    private static String signed(long value) {
        return (value >= 0 ? "+" : "") + value;
    }
}
