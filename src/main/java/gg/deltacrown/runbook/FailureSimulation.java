package gg.deltacrown.runbook;

import java.util.List;
import java.util.Locale;

/**
 * Phase 6 with strict mode off: a vNext write while the shadow writer cannot write the legacy
 * tables must still succeed; the dispatch fails ({@code dual_write_failed severity=warning}) and
 * the outbox keeps the row for a retry; once the fault ends the retry writes the shadow, which is
 * then compared with vNext like every flow's.
 */
final class FailureSimulation {

    static final String SUFFIX = "fault";

    private static final String ATTEMPTS = """
            SELECT status, attempts, coalesce(last_error, '') AS last_error
              FROM organizations_dualwrite_outbox
             WHERE vnext_team_id = :team AND id > :mark
             ORDER BY id LIMIT 1
            """;

    private record Attempts(String status, int attempts, String lastError) {}

    private final RunContext run;
    private final TestTeams teams;
    private final LegacyWriteFault.Plan fault;
    private Long teamId;

    FailureSimulation(RunContext run, TestTeams teams, LegacyWriteFault.Plan fault) {
        this.run = run;
        this.teams = teams;
        this.fault = fault;
    }

    Outcome run() {
        long mark = run.checks.outboxMark();
        double warnings = run.instances.sum("deltacrown_dualwrite_failed_total", "severity=\"warning\"");
        Attempts failed;
        long team;
        try (LegacyWriteFault ignored = LegacyWriteFault.start(fault, run.request.shadowTimeout(), run.out)) {
            ServiceClient.Answer answer = teams.create(SUFFIX);
            run.artifacts.put(run.logs("failure_simulation_response.json"), RunContext.pretty(answer));
            if (answer.status() != 201) {
                return Outcome.fail("a vNext write during the fault answered " + answer.problem()
                        + " (expected 201: strict mode is off) (logs/failure_simulation_response.json)");
            }
            team = answer.body().path("team_id").asLong();
            teamId = team;
            Deadlines.await(
                    () -> attempts(team, mark).attempts() > 0,
                    run.request.shadowTimeout(),
                    () -> "no dispatch of team " + team + " failed within "
                            + run.request.shadowTimeout().toSeconds() + " s while the shadow writer could not write: "
                            + attempts(team, mark));
            failed = attempts(team, mark);
        } catch (RunbookFailedException e) {
            return Outcome.fail(e.getMessage());
        }
        long faultEnded = System.nanoTime();
        double counted = run.instances.sum("deltacrown_dualwrite_failed_total", "severity=\"warning\"") - warnings;
        try {
            run.checks.awaitShadows(team, mark, run.request.shadowTimeout());
        } catch (RunbookFailedException e) {
            return Outcome.fail("after the fault ended: " + e.getMessage());
        }
        long convergedMillis = (System.nanoTime() - faultEnded) / 1_000_000;
        Attempts done = attempts(team, mark);
        List<String> differences = run.checks.teamDifferences(team);
        boolean passed = "PENDING".equals(failed.status())
                && !failed.lastError().isEmpty()
                && counted >= 1
                && differences.isEmpty();
        return Outcome.of(
                passed,
                String.format(
                        Locale.ROOT,
                        "while %s: POST create 201, the dispatch failed (%s, attempt %d, '%s'), the row stayed %s for"
                                + " a retry, dual_write_failed severity=warning counted %d time(s) on the instances;"
                                + " after the fault the outbox row was %s after %d attempts in %d ms and the shadow %s",
                        fault.describe(),
                        failed.status(),
                        failed.attempts(),
                        failed.lastError(),
                        failed.status(),
                        (long) counted,
                        done.status(),
                        done.attempts(),
                        convergedMillis,
                        differences.isEmpty()
                                ? "matches vNext with a verified map row"
                                : "differs: " + String.join("; ", differences)));
    }

    /** The team created during the fault, null when it was not. */
    Long teamId() {
        return teamId;
    }

    private Attempts attempts(long team, long mark) {
        return run.jdbc
                .sql(ATTEMPTS)
                .param("team", team)
                .param("mark", mark)
                .query((rs, n) ->
                        new Attempts(rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error")))
                .optional()
                .orElse(new Attempts("none", 0, ""));
    }
}
