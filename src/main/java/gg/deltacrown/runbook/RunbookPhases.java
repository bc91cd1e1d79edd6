package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.migration.Rollback;
import gg.deltacrown.migration.TestDataCleanup;
import java.net.URI;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Phases 2 to 7 in the runbook's order, each one's outcome kept for the success criteria. A phase
 * that fails does not stop the run: later phases that do not depend on it still run, and the ones
 * that do are recorded as not run (a FAIL). The flags are put back by {@link #restore}, which the
 * caller runs in a {@code finally}.
 */
final class RunbookPhases {

    /** Bypassed legacy writes since the run began, but the run's own cleanup_test_data deletions. */
    private static final String AUDITED_SINCE = """
            SELECT count(*) FILTER (WHERE coalesce(bypass_reason, '') <> 'cleanup_test_data') AS others,
                   count(*) FILTER (WHERE bypass_reason = 'cleanup_test_data') AS cleanups
              FROM organizations_legacy_write_audit WHERE occurred_at >= :since
            """;

    private final RunContext run;
    private final LegacyWriteFault.Plan fault;
    private final Supplier<JsonNode> afterReport;
    private final TestTeams teams;
    private final RollbackDrill rollbackDrill;
    private final TestDataCleanup testData;
    final Flows flows;
    final List<String> performanceLines = new ArrayList<>();
    Outcome dualWriteOn = Outcome.notReached("the run stopped before Phase 2");
    Outcome strictOffForFlows = Outcome.notReached("the run stopped before Phase 3");
    Outcome strict;
    Outcome latency;
    Outcome failure;
    Outcome mapRows = Outcome.notReached("the run stopped before the map rows were checked");
    Outcome audit = Outcome.notReached("the run stopped before the legacy write audit was read");
    Outcome rollback = Outcome.notReached("the run stopped before Phase 7");
    Outcome cleanup = Outcome.notReached("the run stopped before Phase 7");
    StrictSmoke strictSmoke;
    FailureSimulation failureSimulation;
    JsonNode after;
    /** The flows team's outbox rows per operation, read before Phase 7's cleanup deletes them. */
    Map<String, long[]> flowsOutbox = Map.of();

    private Latency latencyRun;

    RunbookPhases(RunContext run, LegacyWriteFault.Plan fault, TestDataCleanup cleanup, Supplier<JsonNode> after) {
        this.run = run;
        this.fault = fault;
        this.afterReport = after;
        this.teams = new TestTeams(run);
        this.flows = new Flows(run);
        this.rollbackDrill = new RollbackDrill(run, teams, cleanup);
        this.testData = cleanup;
        this.strict = run.request.strictSmoke()
                ? Outcome.notReached("the run stopped before Phase 2.3")
                : Outcome.skipped("--skip-strict-smoke");
        this.latency = run.request.latency().samples() > 0
                ? Outcome.notReached("the run stopped before Phase 5")
                : Outcome.skipped("--latency-samples 0");
        this.failure = run.request.failureSimulation()
                ? Outcome.notReached("the run stopped before Phase 6")
                : Outcome.skipped("--skip-failure-simulation");
    }

    void run(boolean wasOn) {
        run.out.accept("Phase 2: dual-write on");
        dualWriteOn = attempt("Phase 2", () -> dualWriteOn(wasOn));
        if (!dualWriteOn.passed()) {
            after = afterReport.get();
            return;
        }
        if (run.request.strictSmoke()) {
            run.out.accept("Phase 2.3: strict mode smoke");
            strictSmoke = new StrictSmoke(run, teams, fault);
            strict = attempt("Phase 2.3", strictSmoke::run);
        }
        strictOffForFlows = attempt("Phase 3", this::strictOff);
        run.out.accept("Phase 3: test flows");
        flows.run();
        if (flows.teamId() != 0) {
            flowsOutbox = run.checks.outboxOf(flows.teamId());
        }
        run.out.accept("Phase 4: after report and delta");
        after = afterReport.get();
        boolean flowsPassed = flows.problem() == null;
        String why = "Flow " + (flows.completed() + 1) + " failed";
        performanceLines.addAll(flows.timings());
        if (flows.teamId() != 0) {
            String lag = run.checks.lagOf(flows.teamId());
            if (!lag.isEmpty()) {
                performanceLines.add(lag);
            }
        }
        if (run.request.latency().samples() > 0) {
            run.out.accept("Phase 5: performance");
            latencyRun = new Latency(run, teams, testData);
            latency = flowsPassed ? attempt("Phase 5", latencyRun::run) : Outcome.notReached(why);
            performanceLines.add(latency.evidence());
        }
        if (run.request.failureSimulation()) {
            run.out.accept("Phase 6: failure simulation");
            failureSimulation = new FailureSimulation(run, teams, fault);
            failure = flowsPassed ? attempt("Phase 6", failureSimulation::run) : Outcome.notReached(why);
        }
        mapRows = attempt("map rows", this::mapRows);
        audit = attempt("audit", this::audit);
        run.out.accept("Phase 7: rollback");
        rollback = attempt("Phase 7", rollbackDrill::disableDualWrite);
        cleanup = attempt("Phase 7 cleanup", rollbackDrill::cleanup);
    }

    private Outcome dualWriteOn(boolean wasOn) {
        Map<URI, Long> applied = wasOn
                ? run.instances.awaitFlag(Flag.DUAL_WRITE_ENABLED, true, System.nanoTime(), RunContext.FLAG_DEADLINE)
                : run.setFlag(Flag.DUAL_WRITE_ENABLED, true, "staging runbook " + run.runId);
        return Outcome.pass((wasOn ? "already on; " : "switched on at runtime; ") + "every instance publishes "
                + Instances.flagSeries(Flag.DUAL_WRITE_ENABLED) + " 1.0 (" + Instances.describe(applied) + ")");
    }

    private Outcome strictOff() {
        Map<URI, Long> applied = run.instances.awaitFlag(
                Flag.DUAL_WRITE_STRICT_MODE, false, System.nanoTime(), RunContext.FLAG_DEADLINE);
        return Outcome.pass("strict mode off on every instance for the flows (" + Instances.describe(applied) + ")");
    }

    /** Criterion 5: every team created with dual-write on has a verified map row; none created with it off has one. */
    private Outcome mapRows() {
        List<Long> on = new ArrayList<>();
        if (flows.teamId() != 0) {
            on.add(flows.teamId());
        }
        if (strictSmoke != null && strictSmoke.teamId() != null) {
            on.add(strictSmoke.teamId());
        }
        if (failureSimulation != null && failureSimulation.teamId() != null) {
            on.add(failureSimulation.teamId());
        }
        if (on.isEmpty()) {
            return Outcome.fail("no team was created with dual-write on");
        }
        boolean finished = run.checks.awaitDone(on, run.request.shadowTimeout());
        long[] mapped = run.checks.mapRows(on);
        Outcome outcome = Outcome.of(
                finished && mapped[2] == mapped[0],
                mapped[2] + " of " + mapped[0] + " test teams created with dual-write on have a verified map row"
                        + (flows.teamId() == 0 ? "" : " (Flow 1: " + run.checks.mapRow(flows.teamId()) + ")")
                        + (finished ? "" : "; some outbox rows were still not done"));
        return latencyRun == null || latency.status() == Outcome.Status.SKIPPED
                ? outcome
                : outcome.and(latencyRun.mapRowsOutcome());
    }

    /** Part of criterion 9: no write to the legacy tables was let through the guard by an exception. */
    private Outcome audit() {
        long[] audited = run.jdbc
                .sql(AUDITED_SINCE)
                .param("since", Timestamp.from(run.started))
                .query((rs, n) -> new long[] {rs.getLong("others"), rs.getLong("cleanups")})
                .single();
        return Outcome.of(
                audited[0] == 0,
                audited[0] + " legacy writes let through the write guard by a bypass since the run began (besides the"
                        + " run's own " + audited[1] + " audited cleanup_test_data deletions)");
    }

    /** Puts the dual-write flags back as they were (dual-write left on with --leave-dual-write-on). */
    Outcome restore(boolean wasOn) {
        List<String> restored = new ArrayList<>();
        try {
            if (run.flags.isOn(Flag.DUAL_WRITE_STRICT_MODE)) {
                run.rollback(
                        Rollback.Step.DISABLE_STRICT_MODE,
                        Flag.DUAL_WRITE_STRICT_MODE,
                        false,
                        "staging runbook " + run.runId + " finished");
            }
            boolean wanted = wasOn || run.request.leaveDualWriteOn();
            Map<URI, Long> applied = run.flags.isOn(Flag.DUAL_WRITE_ENABLED) == wanted
                    ? run.instances.awaitFlag(
                            Flag.DUAL_WRITE_ENABLED, wanted, System.nanoTime(), RunContext.FLAG_DEADLINE)
                    : run.setFlag(Flag.DUAL_WRITE_ENABLED, wanted, "staging runbook " + run.runId + " finished");
            restored.add("dual-write " + wanted
                    + (run.request.leaveDualWriteOn() ? " (--leave-dual-write-on)" : " (as before the run)")
                    + " applied by " + Instances.describe(applied));
            run.instances.awaitFlag(Flag.DUAL_WRITE_STRICT_MODE, false, System.nanoTime(), RunContext.FLAG_DEADLINE);
            restored.add("strict mode off on every instance");
            return Outcome.pass("flags put back: " + String.join(", ", restored));
        } catch (RuntimeException e) {
            return Outcome.fail("flags not confirmed back (" + String.join(", ", restored) + "): "
                    + RemoteCommand.rootMessage(e) + "; run ./deltacrown rollback disable-dual-write --reason ...");
        }
    }

    /** Runs a phase; anything it throws is its FAIL, with the phase's name. */
    private Outcome attempt(String phase, Supplier<Outcome> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            String message = e instanceof RunbookFailedException ? e.getMessage() : RemoteCommand.rootMessage(e);
            run.out.accept("  FAILED: " + phase + ": " + message);
            return Outcome.fail(phase + ": " + message);
        }
    }
}
