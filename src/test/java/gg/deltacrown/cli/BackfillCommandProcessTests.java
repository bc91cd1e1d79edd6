package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code backfill} as an operator runs it, killed with SIGKILL in the middle and run again. */
class BackfillCommandProcessTests {

    private static final int TEAMS = 20_000;
    private static final int BATCH = 200;

    @Test
    void aRunKilledMidwayIsResumedByTheNextWithNoDuplicateAndAtMostTheBatchInFlightRedone() {
        CliDatabase database = CliDatabase.migrated("backfill_kill");
        ServiceProcess.Result seeded = ServiceProcess.run(
                database.environment(),
                CliDatabase.CLI,
                "seed_scale",
                "--teams",
                "0",
                "--legacy-only-teams",
                "" + TEAMS,
                "--members-per-team",
                "2",
                "--users",
                "10000");
        assertThat(seeded.exitCode()).as(seeded.output()).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

        Map<String, Object> atKill;
        try (ServiceProcess first =
                ServiceProcess.start(database.environment(), "backfill", "--batch-size", "" + BATCH)) {
            Awaitility.await()
                    .atMost(CliDatabase.CLI)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT coalesce(max(batches), 0) FROM organizations_backfill_run", Integer.class)
                            >= 3);
            first.kill();
            atKill = jdbc.queryForMap(
                    "SELECT id, status, last_legacy_team_id, teams_created FROM organizations_backfill_run");
        }
        long committed = (Long) atKill.get("teams_created");
        assertThat(atKill.get("status")).as("killed, not finished").isEqualTo("RUNNING");
        assertThat(committed).isLessThan(TEAMS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_migration_map", Long.class))
                .as("exactly the batches the run row counts committed; the one in flight rolled back")
                .isEqualTo(committed);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_migration_map WHERE legacy_team_id > ?",
                        Long.class,
                        atKill.get("last_legacy_team_id")))
                .isZero();

        ServiceProcess.Streams second = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "backfill", "--batch-size", "" + BATCH, "--format", "json");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        JsonNode summary = JsonMapper.builder().build().readTree(second.stdout());
        assertThat(summary.path("run_id").asLong())
                .as("the killed run is taken over")
                .isEqualTo(atKill.get("id"));
        assertThat(summary.path("resumed_after_legacy_team_id").asLong())
                .isEqualTo(((Number) atKill.get("last_legacy_team_id")).longValue());
        assertThat(summary.path("teams_created").asLong())
                .as("the rerun does only what the killed run had not committed")
                .isEqualTo(TEAMS - committed);
        assertThat(jdbc.queryForMap("""
                        SELECT (SELECT count(*) FROM organizations_team) AS vnext_teams,
                               (SELECT count(*) FROM organizations_migration_map) AS map_rows,
                               (SELECT count(DISTINCT legacy_team_id) FROM organizations_migration_map) AS legacy_mapped,
                               (SELECT status FROM organizations_backfill_run) AS status
                        """))
                .containsEntry("vnext_teams", (long) TEAMS)
                .containsEntry("map_rows", (long) TEAMS)
                .containsEntry("legacy_mapped", (long) TEAMS)
                .containsEntry("status", "DONE");
    }
}
