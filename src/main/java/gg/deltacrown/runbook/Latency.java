package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.migration.TestDataCleanup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Phase 5.1: the runbook's team-creation loop, timed with dual-write off and on. Every request is a
 * new org-owned team, so each one is a 201 (the runbook's own loop reuses one owner and game and
 * gets 409s after the first). The two sides run in alternating blocks (off on on off off on on
 * off), so a machine that warms up or gets busier during the run weighs on both sides alike.
 */
final class Latency {

    private static final int BLOCK = 5;
    private static final String PERF = "perf";

    /** One side's sample: average and p95 (the runbook's awk: the value at rank ceil(0.95 n)). */
    record Sample(String side, List<Long> millis) {

        double average() {
            return millis.stream().mapToLong(Long::longValue).average().orElse(0);
        }

        long p95() {
            long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.95) - 1)];
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "dual-write %s x%d: average %.1f ms, p95 %d ms",
                    side,
                    millis.size(),
                    average(),
                    p95());
        }
    }

    private final RunContext run;
    private final TestTeams teams;
    private final List<Long> off = new ArrayList<>();
    private final List<Long> on = new ArrayList<>();
    private final StringBuilder file = new StringBuilder();
    private final List<Long> createdWithDualWrite = new ArrayList<>();
    private final List<Long> createdWithout = new ArrayList<>();
    private final StatementCounts statements;
    private final TestDataCleanup cleanup;
    private Outcome mapRows = Outcome.notReached("Phase 5.1 did not finish");

    Latency(RunContext run, TestTeams teams, TestDataCleanup cleanup) {
        this.run = run;
        this.teams = teams;
        this.cleanup = cleanup;
        this.statements = new StatementCounts(run.jdbc);
    }

    /** Runs the sample with dual-write on when it starts, and leaves it on. */
    Outcome run() {
        RunbookRequest.LatencyBudget budget = run.request.latency();
        int samples = budget.samples();
        boolean dualWrite = true;
        createdWithDualWrite.add(teams.created(PERF + " warm-up", "Phase 5.1"));
        for (int block = 0; off.size() < samples || on.size() < samples; block++) {
            boolean wanted = order(block);
            if ((wanted ? on : off).size() >= samples) {
                continue;
            }
            if (wanted != dualWrite) {
                run.setFlag(Flag.DUAL_WRITE_ENABLED, wanted, "staging runbook " + run.runId + ": Phase 5.1 latency");
                dualWrite = wanted;
            }
            List<Long> side = dualWrite ? on : off;
            StatementCounts.Snapshot before = statements.snapshot();
            int requests = 0;
            for (int i = 0; i < BLOCK && side.size() < samples; i++, requests++) {
                String name = PERF + (dualWrite ? " on " : " off ") + (side.size() + 1);
                ServiceClient.Answer answer = teams.create(name);
                if (answer.status() != 201) {
                    throw new RunbookFailedException("Phase 5.1: creating '" + run.teamName(name) + "' answered "
                            + answer.problem() + " (expected 201)");
                }
                (dualWrite ? createdWithDualWrite : createdWithout)
                        .add(answer.body().path("team_id").asLong());
                side.add(answer.millis());
                file.append("Request ")
                        .append(side.size())
                        .append(" (dual-write ")
                        .append(dualWrite ? "on" : "off")
                        .append("): ")
                        .append(answer.millis())
                        .append("ms\n");
            }
            statements.add(dualWrite, before, statements.snapshot(), requests);
        }
        if (!dualWrite) {
            run.setFlag(Flag.DUAL_WRITE_ENABLED, true, "staging runbook " + run.runId + ": Phase 5.1 done");
        }
        Outcome verdict = verdict(budget, new Sample("off", off), new Sample("on", on));
        mapRows = mapRows();
        return verdict;
    }

    /**
     * The perf teams' map rows (every one created with dual-write on has a verified one, none
     * created with it off has one); then they are deleted from both sides, whatever
     * {@code --cleanup} says: they exist only to be timed, and a team created with dual-write off
     * would count as a missing shadow in every later report.
     */
    private Outcome mapRows() {
        boolean finished = run.checks.awaitDone(createdWithDualWrite, run.request.shadowTimeout());
        long[] mapped = run.checks.mapRows(createdWithDualWrite);
        long[] unmapped = run.checks.mapRows(createdWithout);
        TestDataCleanup.Result removed = cleanup.clean(List.of(run.teamName(PERF) + "%"), true);
        run.out.accept("  deleted the " + removed.teamNames().size() + " perf teams from vNext and legacy");
        return Outcome.of(
                finished && mapped[2] == mapped[0] && unmapped[1] == 0,
                "perf teams: " + mapped[2] + " of " + mapped[0]
                        + " created with dual-write on have a verified map row, "
                        + unmapped[1] + " of " + unmapped[0] + " created with it off have one"
                        + (finished ? "" : " (some outbox rows were still not done)"));
    }

    /** off, on, on, off, off, on, on, off, ...: each side gets early and late blocks alike. */
    private static boolean order(int block) {
        return block % 4 == 1 || block % 4 == 2;
    }

    private Outcome verdict(RunbookRequest.LatencyBudget budget, Sample offSample, Sample onSample) {
        double increase = offSample.average() == 0 ? 0 : (onSample.average() / offSample.average() - 1) * 100;
        boolean passed = onSample.average() < budget.maxAverageMillis()
                && onSample.p95() < budget.maxP95Millis()
                && increase < budget.maxIncreasePercent();
        String evidence = String.format(
                Locale.ROOT,
                "team creation %s; %s; on/off %+.1f %% (limits: average < %d ms, p95 < %d ms, increase < %d %%%s)",
                offSample.describe(),
                onSample.describe(),
                increase,
                budget.maxAverageMillis(),
                budget.maxP95Millis(),
                budget.maxIncreasePercent(),
                budget.isRunbooks() ? ", the runbook's" : ", set by the operator");
        file.append(String.format(
                Locale.ROOT,
                "Off: Average: %.2fms P95: %dms%nOn: Average: %.2fms P95: %dms%nIncrease: %+.1f%%%n",
                offSample.average(),
                offSample.p95(),
                onSample.average(),
                onSample.p95(),
                increase));
        run.artifacts.put(run.logs("latency_team_create.txt"), file.toString());
        return Outcome.of(passed, evidence + " (logs/latency_team_create.txt)").and(statements.outcome());
    }

    /** Part of criterion 5, for the perf teams (checked before they are deleted). */
    Outcome mapRowsOutcome() {
        return mapRows;
    }
}
