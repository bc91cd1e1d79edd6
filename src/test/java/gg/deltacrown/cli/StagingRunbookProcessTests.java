package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole staging runbook as one command, against a real service process and its database:
 * the flows over HTTP, the shadows checked, the artifacts written, the flags restored; and the
 * cases where it must stop before changing anything.
 */
class StagingRunbookProcessTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path artifacts;

    @Test
    void runsTheRunbookEndToEndAndRestoresTheFlags() throws Exception {
        CliDatabase database = databaseWithUsers("staging_runbook");
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        int port = ServiceProcess.freePort();
        try (ServiceProcess service = serve(database, port, Map.of())) {
            Map<String, String> cli = runbookEnvironment(database);
            Path run = artifacts.resolve("run1");

            Streams first = ServiceProcess.runSeparately(
                    cli,
                    CliDatabase.CLI,
                    "staging_runbook",
                    "--base-url",
                    "http://localhost:" + port,
                    "--out-dir",
                    run.toString(),
                    "--latency-samples",
                    "5",
                    "--by",
                    "test");

            assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
            assertThat(first.stdout()).contains("Phase 3: test flows", "Flow 5:", "GO - every flow");
            for (String file : new String[] {
                "baseline/validation_before.json",
                "baseline/validation_before.txt",
                "after/validation_after.json",
                "after/validation_after.txt",
                "logs/flow1_team_create_response.json",
                "logs/flow2_member_add_response.json",
                "logs/flow3_member_role_response.json",
                "logs/flow4_settings_response.json",
                "logs/flow5_member_remove_response.json",
                "logs/latency_team_detail.txt",
                "delta.json",
                "delta.md",
                "SUMMARY.md"
            }) {
                assertThat(run.resolve(file)).as(file).isNotEmptyFile();
            }
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .anyMatch(name -> name.matches("staging_test_summary_\\d{8}_\\d{6}\\.md"));
            }
            JsonNode created = JSON.readTree(
                    run.resolve("logs/flow1_team_create_response.json").toFile());
            long teamId = created.path("team_id").asLong();
            assertThat(created.path("team_slug").asString()).startsWith("staging-test-team-");
            JsonNode delta = JSON.readTree(run.resolve("delta.json").toFile());
            assertThat(delta.path("vnext_teams").asLong()).isEqualTo(1);
            assertThat(delta.path("mapped_teams").asLong()).isEqualTo(1);
            assertThat(JSON.readTree(run.resolve("after/validation_after.json").toFile())
                            .path("coverage")
                            .path("vnext_team_count")
                            .asLong())
                    .isEqualTo(1);
            assertThat(Files.readString(run.resolve("SUMMARY.md")))
                    .contains("**GO**", "Flow 1: independent team created", "Flow 5: testmember removed")
                    .doesNotContain("[MANUAL FILL]");
            assertThat(Files.readString(run.resolve("logs/latency_team_detail.txt")))
                    .contains("Request 5:", "P95:");
            String criteria = Files.readString(run.resolve("SUCCESS_CRITERIA.md"));
            assertThat(criteria.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| #")))
                    .hasSize(12)
                    .filteredOn(line -> line.contains("PASS"))
                    .hasSize(10);
            assertThat(criteria)
                    .contains(
                            "| 3 | Logs show `dual_write_scheduled` for each operation | \u2705 PASS | outbox rows of the"
                                    + " test team (what each `dual_write_scheduled` line records): sync_team_created 1,"
                                    + " sync_team_member_added 1, sync_team_member_updated 1, sync_team_settings_updated 1,"
                                    + " sync_team_member_removed 1 |")
                    .contains("| 9 | No inline legacy writes detected (all in on_commit hooks) | \u2705 PASS | 5 of 5")
                    .contains("| 10 | Failure simulation succeeded (if executed) | \u23ED\uFE0F SKIPPED")
                    .contains("| 12 | Tracker updated with results | \u270D\uFE0F MANUAL");

            // What the runbook did, as the database has it: the shadow of every flow, flags restored.
            assertThat(jdbc.queryForMap("""
                    SELECT l.region, l.description, l.logo_url, m.verified
                      FROM organizations_migration_map m JOIN teams_team l ON l.id = m.legacy_team_id
                     WHERE m.vnext_team_id = ?""", teamId))
                    .containsEntry("region", "EU")
                    .containsEntry("description", "Updated via dual-write test")
                    .containsEntry("logo_url", "https://cdn.example.com/updated.png")
                    .containsEntry("verified", true);
            assertThat(jdbc.queryForList("""
                    SELECT u.username || ':' || l.role || ':' || l.status
                      FROM teams_teammembership l JOIN user_profile_userprofile p ON p.id = l.profile_id
                      JOIN accounts_user u ON u.id = p.user_id ORDER BY u.username""", String.class))
                    .containsExactly("testmember:SUBSTITUTE:REMOVED", "testuser:OWNER:ACTIVE");
            assertThat(dualWriteFlag(jdbc)).isEqualTo("false");
            assertThat(jdbc.queryForList(
                            "SELECT changed_by || ' ' || new_value FROM organizations_feature_flag_change"
                                    + " WHERE name = 'TEAM_VNEXT_DUAL_WRITE_ENABLED' ORDER BY id",
                            String.class))
                    .containsExactly("test true", "test false");

            // A second run for the same owner and game would get 409 in Flow 1: refused before any change.
            Streams again = ServiceProcess.runSeparately(
                    cli,
                    CliDatabase.CLI,
                    "staging_runbook",
                    "--base-url",
                    "http://localhost:" + port,
                    "--out-dir",
                    artifacts.resolve("run2").toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).contains("already owns the active independent team 'staging-test-team-");
            assertThat(artifacts.resolve("run2")).doesNotExist();
            assertThat(dualWriteFlag(jdbc)).isEqualTo("false");

            // The same through staging_validation_test --automate (DESIGN's name for it), on another
            // game, with --cleanup: GO, then the test team is gone from both sides.
            Streams cleaned = ServiceProcess.runSeparately(
                    cli,
                    CliDatabase.CLI,
                    "staging_validation_test",
                    "--automate",
                    "--base-url",
                    "http://localhost:" + port,
                    "--out-dir",
                    artifacts.resolve("run3").toString(),
                    "--game-id",
                    "2",
                    "--latency-samples",
                    "0",
                    "--cleanup");
            assertThat(cleaned.exitCode())
                    .as(cleaned.stdout() + cleaned.stderr())
                    .isZero();
            assertThat(cleaned.stdout()).contains("Cleanup: deleted 1 test team(s)");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_team WHERE game_id = 2", Long.class))
                    .isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Long.class))
                    .isEqualTo(1);
        }
    }

    @Test
    void aShadowThatIsNeverWrittenIsANoGoAndDualWriteIsStillSwitchedBack() throws Exception {
        CliDatabase database = databaseWithUsers("staging_runbook_no_go");
        int port = ServiceProcess.freePort();
        // An instance that never dispatches: the outbox rows stay pending.
        try (ServiceProcess service = serve(database, port, Map.of("OUTBOX_WORKERS", "0"))) {
            Map<String, String> cli = runbookEnvironment(database);
            Path run = artifacts.resolve("no-go");

            Streams result = ServiceProcess.runSeparately(
                    cli,
                    CliDatabase.CLI,
                    "staging_runbook",
                    "--base-url",
                    "http://localhost:" + port,
                    "--out-dir",
                    run.toString(),
                    "--shadow-timeout",
                    "2");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(result.stdout()).contains("NO-GO", "was not written within 2 s (1 outbox rows pending)");
            assertThat(Files.readString(run.resolve("SUMMARY.md")))
                    .contains("**NO-GO**", "\u274C Flow 1 (independent team creation)")
                    .doesNotContain("Flow 2");
            assertThat(run.resolve("after/validation_after.json")).isNotEmptyFile();
            assertThat(run.resolve("logs/flow1_team_create_response.json")).isNotEmptyFile();
            assertThat(Files.readString(run.resolve("SUCCESS_CRITERIA.md")))
                    .contains("| 2 | All 5 test flows executed successfully | \u274C FAIL | 0 of 5")
                    .contains("| 9 | No inline legacy writes detected (all in on_commit hooks) | \u274C FAIL | 0 of 1")
                    .contains("| 11 | Rollback procedure tested and documented | \u2705 PASS");
            assertThat(dualWriteFlag(new JdbcTemplate(database.dataSource()))).isEqualTo("false");
        }
    }

    @Test
    void refusesBadArgumentsAndAnUnreachableServiceBeforeChangingAnything() {
        CliDatabase database = CliDatabase.migrated("staging_runbook_refusals");
        Map<String, String> cli = new HashMap<>(database.environment());

        Streams noPassword = ServiceProcess.runSeparately(
                cli,
                CliDatabase.CLI,
                "staging_runbook",
                "--out-dir",
                artifacts.resolve("a").toString());
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.stderr()).contains("pass --password or set RUNBOOK_PASSWORD");

        Streams badUrl = ServiceProcess.runSeparately(
                cli,
                CliDatabase.CLI,
                "staging_runbook",
                "--password",
                "x",
                "--base-url",
                "ftp://example.com",
                "--out-dir",
                artifacts.resolve("b").toString());
        assertThat(badUrl.exitCode()).isEqualTo(1);
        assertThat(badUrl.stderr()).contains("--base-url must be an http(s) URL");

        Streams badGame = ServiceProcess.runSeparately(
                cli,
                CliDatabase.CLI,
                "staging_runbook",
                "--password",
                "x",
                "--game-id",
                "999",
                "--out-dir",
                artifacts.resolve("c").toString());
        assertThat(badGame.exitCode()).isEqualTo(1);
        assertThat(badGame.stderr()).contains("--game-id 999 is not a known game");

        Streams unreachable = ServiceProcess.runSeparately(
                cli,
                CliDatabase.CLI,
                "staging_runbook",
                "--password",
                "x",
                "--base-url",
                "http://localhost:" + ServiceProcess.freePort(),
                "--out-dir",
                artifacts.resolve("d").toString());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.stderr()).contains("cannot reach the service at http://localhost:");

        Streams automateWithFiles = ServiceProcess.runSeparately(
                cli,
                CliDatabase.CLI,
                "staging_validation_test",
                "--automate",
                "--password",
                "x",
                "--before",
                "before.json",
                "--out-dir",
                artifacts.resolve("e").toString());
        assertThat(automateWithFiles.exitCode()).isEqualTo(1);
        assertThat(automateWithFiles.stderr()).contains("--automate takes its own before and after reports");

        assertThat(artifacts.resolve("a")).doesNotExist();
        assertThat(artifacts.resolve("e")).doesNotExist();
        assertThat(artifacts.resolve("d")).doesNotExist();
        assertThat(dualWriteFlag(new JdbcTemplate(database.dataSource()))).isEqualTo("false");
    }

    private static CliDatabase databaseWithUsers(String purpose) {
        CliDatabase database = CliDatabase.migrated(purpose);
        user(database, "testuser", "testpass");
        user(database, "testmember", "memberpass");
        return database;
    }

    private static ServiceProcess serve(CliDatabase database, int port, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("PORT", Integer.toString(port));
        environment.putAll(extra);
        ServiceProcess service = ServiceProcess.start(environment, "serve");
        service.awaitOutput("DeltaCrown is running", Duration.ofSeconds(120));
        return service;
    }

    private static Map<String, String> runbookEnvironment(CliDatabase database) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("RUNBOOK_PASSWORD", "testpass");
        return environment;
    }

    private static void user(CliDatabase database, String username, String password) {
        ServiceProcess.Result created = ServiceProcess.run(
                database.environment(),
                CliDatabase.CLI,
                "users",
                "create",
                "--username",
                username,
                "--email",
                username + "@example.com",
                "--password",
                password);
        assertThat(created.exitCode()).as(created.output()).isZero();
    }

    private static String dualWriteFlag(JdbcTemplate jdbc) {
        return jdbc
                .queryForList(
                        "SELECT value FROM organizations_feature_flag WHERE name = 'TEAM_VNEXT_DUAL_WRITE_ENABLED'",
                        String.class)
                .stream()
                .findFirst()
                .orElse("false");
    }
}
