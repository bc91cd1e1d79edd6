package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.migration.Rollback;
import gg.deltacrown.migration.TestDataCleanup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Phase 7 as the rollback runbook's scenarios 1 and 3: dual-write switched off at runtime (what
 * {@code rollback disable-dual-write} does), every instance applying it within a second (read from
 * each instance's metrics), a vNext write while it is off leaving no outbox row and no shadow,
 * dual-write restored; then {@code cleanup_test_data} for the run's teams (committed with
 * {@code --cleanup}, else its dry run) and nothing of them left on either side.
 */
final class RollbackDrill {

    static final Duration APPLY_WITHIN = Duration.ofSeconds(1);
    static final String SUFFIX = "rollback";

    private static final String SHADOWS_OF = """
            SELECT (SELECT count(*) FROM organizations_dualwrite_outbox WHERE vnext_team_id = :team) AS outbox_rows,
                   (SELECT count(*) FROM organizations_migration_map WHERE vnext_team_id = :team) AS map_rows
            """;
    private static final String LEFT = """
            SELECT (SELECT count(*) FROM organizations_team WHERE name LIKE :pattern) AS vnext,
                   (SELECT count(*) FROM teams_team WHERE name LIKE :pattern OR id = ANY(:legacy)) AS legacy
            """;
    private static final String LEGACY_IDS = """
            SELECT m.legacy_team_id FROM organizations_migration_map m JOIN organizations_team t ON t.id = m.vnext_team_id
             WHERE t.name LIKE :pattern
            """;

    private final RunContext run;
    private final TestTeams teams;
    private final TestDataCleanup cleanup;
    private final StringBuilder record = new StringBuilder();

    RollbackDrill(RunContext run, TestTeams teams, TestDataCleanup cleanup) {
        this.run = run;
        this.teams = teams;
        this.cleanup = cleanup;
    }

    /** Scenario 1 with the write check; dual-write is on when it starts and when it ends. */
    Outcome disableDualWrite() {
        try {
            String reason = "staging runbook " + run.runId;
            record.append("$ deltacrown rollback disable-dual-write --reason '")
                    .append(reason)
                    .append("'\n");
            Map<URI, Long> applied =
                    run.rollback(Rollback.Step.DISABLE_DUAL_WRITE, Flag.DUAL_WRITE_ENABLED, false, reason);
            boolean inTime = applied.values().stream().allMatch(millis -> millis <= APPLY_WITHIN.toMillis());
            record.append("set TEAM_VNEXT_DUAL_WRITE_ENABLED=false; applied by ")
                    .append(Instances.describe(applied))
                    .append('\n');
            long team = teams.created(SUFFIX, "Phase 7");
            long[] shadows = run.jdbc
                    .sql(SHADOWS_OF)
                    .param("team", team)
                    .query((rs, n) -> new long[] {rs.getLong("outbox_rows"), rs.getLong("map_rows")})
                    .single();
            record.append("POST create while off: team ")
                    .append(team)
                    .append(", outbox rows ")
                    .append(shadows[0])
                    .append(", map rows ")
                    .append(shadows[1])
                    .append('\n');
            // Created with dual-write off, it would count as a missing shadow in every later report.
            cleanup.clean(List.of(run.teamName(SUFFIX)), true);
            record.append("deleted that team again (it has no shadow by design)\n");
            Map<URI, Long> restored = run.setFlag(
                    Flag.DUAL_WRITE_ENABLED, true, "staging runbook " + run.runId + ": rollback drill done");
            record.append("set TEAM_VNEXT_DUAL_WRITE_ENABLED=true (restored); applied by ")
                    .append(Instances.describe(restored))
                    .append('\n');
            return Outcome.of(
                    inTime && shadows[0] == 0 && shadows[1] == 0,
                    "disable-dual-write at runtime applied by " + Instances.describe(applied) + " (limit "
                            + APPLY_WITHIN.toMillis() + " ms each); a create while off left " + shadows[0]
                            + " outbox rows and " + shadows[1] + " map rows; dual-write restored");
        } catch (RunbookFailedException e) {
            return Outcome.fail("rollback disable-dual-write: " + e.getMessage());
        }
    }

    /** Scenario 3 for this run's teams: committed with {@code --cleanup}, else a dry run. */
    Outcome cleanup() {
        String pattern = run.teamPattern();
        Long[] legacy = run.jdbc
                .sql(LEGACY_IDS)
                .param("pattern", pattern)
                .query(Long.class)
                .list()
                .toArray(Long[]::new);
        boolean commit = run.request.cleanup();
        record.append("$ deltacrown cleanup_test_data --pattern '")
                .append(pattern)
                .append(commit ? "' --yes\n" : "'\n");
        TestDataCleanup.Result result;
        try {
            result = cleanup.clean(List.of(pattern), commit);
        } catch (RuntimeException e) {
            return Outcome.fail("cleanup_test_data failed: " + RemoteCommand.rootMessage(e));
        }
        record.append(commit ? "Deleted " : "Would delete ")
                .append(result.teamNames().size())
                .append(" test team(s); ")
                .append(result.deleted())
                .append('\n');
        long[] left = run.jdbc
                .sql(LEFT)
                .param("pattern", pattern)
                .param("legacy", legacy)
                .query((rs, n) -> new long[] {rs.getLong("vnext"), rs.getLong("legacy")})
                .single();
        record.append("left afterwards: ")
                .append(left[0])
                .append(" vNext, ")
                .append(left[1])
                .append(" legacy\n");
        run.artifacts.put(run.logs("rollback.txt"), record.toString());
        if (!commit) {
            return Outcome.pass("cleanup_test_data dry run (pass --cleanup to delete): would delete "
                    + result.teamNames().size() + " teams (" + result.deleted().getOrDefault("teams_team", 0)
                    + " legacy), checked inside the transaction, rolled back");
        }
        return Outcome.of(
                left[0] == 0 && left[1] == 0,
                "cleanup_test_data deleted " + result.teamNames().size() + " teams ("
                        + result.deleted().getOrDefault("teams_team", 0) + " legacy); left afterwards: " + left[0]
                        + " vNext, " + left[1] + " legacy, " + result.orphanMaps() + " orphan map rows"
                        + " (logs/rollback.txt)");
    }
}
