package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole staging runbook as one command against one real {@code serve} on the embedded default,
 * as an operator runs it on a first try (shared by the tests of this class): every phase run, every criterion decided with evidence, the
 * artifact tree complete, the flags as before and the test data gone; a strict failure that
 * commits something is a NO-GO; bad arguments are refused before anything changes (the refusals of
 * pre-flight are {@code StagingRunbookPreflightIntegrationTests}).
 */
class StagingRunbookProcessTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The machine is shared: the runbook's latency limits would make the verdict depend on the load. */
    static final List<String> LOAD_TOLERANT_LATENCY = List.of(
            "--latency-max-avg-ms", "5000", "--latency-max-p95-ms", "10000", "--latency-max-increase-pct", "1000");

    @TempDir
    static Path dataDir;

    static JdbcTemplate jdbc;
    static ServiceProcess service;
    static int port;

    @TempDir
    Path artifacts;

    @BeforeAll
    static void serve() {
        port = ServiceProcess.freePort();
        service = StagingRunbookFixture.serve(dataDir, port, Map.of());
        jdbc = StagingRunbookFixture.jdbc(dataDir);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop(StagingRunbookFixture.START);
        }
    }

    @Test
    void runsEveryPhaseDecidesEveryCriterionWithEvidenceAndLeavesNothingBehind() throws Exception {
        Path run = artifacts.resolve("go");
        long legacyTeamsBefore = count("SELECT count(*) FROM teams_team");

        Streams result = runbook(
                run,
                "--log-file",
                service.outputFile().toString(),
                "--cleanup",
                "--format",
                "json",
                "--latency-samples",
                "10",
                "--by",
                "go-test");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        JsonNode summary = JSON.readTree(result.stdout());
        assertThat(summary.path("result").asString()).isEqualTo("GO");
        assertThat(summary.path("criteria")).hasSize(12);
        assertThat(summary.path("criteria"))
                .allSatisfy(criterion -> assertThat(criterion.path("status").asString())
                        .as(criterion.toString())
                        .isEqualTo("PASS"));
        assertThat(result.stderr())
                .contains("Phase 2.3: strict mode smoke", "Phase 6: failure simulation", "Phase 7: rollback", "GO");
        assertThat(run.resolve("RUNBOOK_SUMMARY.json")).hasContent(result.stdout());
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
            "logs/strict_create_response.json",
            "logs/strict_settings_response.json",
            "logs/strict_failure_response.json",
            "logs/failure_simulation_response.json",
            "logs/latency_team_create.txt",
            "logs/service.log",
            "logs/grep_dual_write_scheduled.txt",
            "logs/grep_dual_write_failed.txt",
            "logs/rollback.txt",
            "delta.json",
            "delta.md",
            "SUMMARY.md",
            "SUCCESS_CRITERIA.md",
            "TRACKER_UPDATE.md"
        }) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(run.resolve("INCIDENT_SUMMARY.md")).doesNotExist();
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("staging_test_summary_\\d{8}_\\d{6}\\.md"));
        }
        long teamId = JSON.readTree(
                        run.resolve("logs/flow1_team_create_response.json").toFile())
                .path("team_id")
                .asLong();
        String criteria = Files.readString(run.resolve("SUCCESS_CRITERIA.md"));
        assertThat(criteria)
                // Phase 3.2's grep, answered from the service's own log.
                .contains("| 3 | Logs show `dual_write_scheduled` for each operation | \u2705 PASS | grep"
                        + " dual_write_scheduled in log file " + service.outputFile())
                .contains("sync_team_created team_id=" + teamId + " (1)", "sync_team_member_removed team_id=" + teamId)
                // Phase 5.3 from the database: the dispatch's transaction wrote each legacy row.
                .containsPattern("Flow 4 \\(update team settings\\): request transaction \\d+; legacy teams_team \\d+"
                        + " written by \\d+ = dispatch of outbox row \\d+ by ")
                .contains("0 legacy writes let through the write guard by a bypass")
                // Phase 2.3 and 6: the strict failure rolled back whole; the non-strict one retried.
                .contains("answered 500 DUAL_WRITE_FAILED", "committed afterwards: 0 vNext teams, 0 legacy teams")
                .contains(
                        "POST create 201, the dispatch failed (PENDING, attempt 1",
                        "permission denied for table teams_team")
                .contains("1 with severity=error (strict mode), 1 with severity=warning")
                // Phase 7: every instance applied the rollback within a second; nothing left.
                .containsPattern(
                        "disable-dual-write at runtime applied by http://localhost:\\d+ in \\d+ ms \\(limit 1000")
                .contains("a create while off left 0 outbox rows and 0 map rows")
                .contains("left afterwards: 0 vNext, 0 legacy");
        assertThat(Files.readString(run.resolve("logs/latency_team_create.txt")))
                .contains("Request 10 (dual-write off):", "Request 10 (dual-write on):", "Increase:");
        assertThat(Files.readString(run.resolve("TRACKER_UPDATE.md")))
                .contains("\u2705 COMPLETED", "**Environment:** service http://localhost:" + port)
                .contains("**Validation report before:**", "**Validation report after:**", "**Delta:** vNext teams")
                .contains("None: every success criterion passed", "**Strict mode:** ON only for Phase 2.3")
                .contains("**Next task:** Phase 6 unblock preparation");
        assertThat(Files.readString(run.resolve("SUMMARY.md")))
                .contains("**GO**", "Phase 2.3 strict mode", "Flow 5: testmember removed")
                .doesNotContain("[MANUAL FILL]");
        try (Stream<Path> files = Files.list(run)) {
            Path detailed = files.filter(path -> path.getFileName().toString().startsWith("staging_test_summary_"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(detailed))
                    .contains("\u2705 PASS Rollback procedure (scenario 1): disable-dual-write at runtime")
                    .contains("\u2705 PASS Test data (scenario 3): cleanup_test_data deleted")
                    .contains("Shadow lag (outbox row to legacy commit)")
                    .doesNotContain("[YES/NO]", "[MANUAL FILL]");
        }

        // The flags as before the run, changed only by the operator named, and the test data gone.
        assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_ENABLED"))
                .isEqualTo("false");
        assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_STRICT_MODE"))
                .isEqualTo("false");
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT changed_by FROM organizations_feature_flag_change WHERE changed_by LIKE 'go-%'",
                        String.class))
                .containsExactly("go-test");
        assertThat(count("SELECT count(*) FROM organizations_team WHERE name LIKE 'Staging Test Team%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM teams_team")).isEqualTo(legacyTeamsBefore);
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgname = 'deltacrown_runbook_fault'"))
                .isZero();
    }

    @Test
    void aStrictFailureThatStillCommitsSomethingIsANoGoAndTheFlagsAreStillRestored() throws Exception {
        // As the original's dual-write did: something of the failed request is committed anyway
        // (here, through another connection, an outbox row for the team the request rolled back).
        StagingRunbookFixture.commitAnOutboxRowForEveryStrictFailure(jdbc);
        try {
            Path run = artifacts.resolve("strict-commits");

            Streams result = runbook(
                    run,
                    "--game-id",
                    "2",
                    "--latency-samples",
                    "0",
                    "--skip-failure-simulation",
                    "--cleanup",
                    "--by",
                    "strict-test");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(result.stdout()).contains("NO-GO", "Success criterion 10 failed");
            String criteria = Files.readString(run.resolve("SUCCESS_CRITERIA.md"));
            assertThat(criteria)
                    .contains("| 10 | Failure simulation succeeded (if executed): vNext request OK, failure logged |"
                            + " \u274C FAIL |")
                    .contains(
                            "answered 500 DUAL_WRITE_FAILED",
                            "committed afterwards: 0 vNext teams, 0 legacy teams, 1" + " outbox rows")
                    .contains("| 8 | No performance regressions detected (query count, latency) | \u23ED\uFE0F SKIPPED"
                            + " | opted out with --latency-samples 0")
                    .contains("| 2 | All 5 test flows executed successfully");
            assertThat(criteria.lines().filter(line -> line.contains("\u274C FAIL")))
                    .hasSize(1);
            assertThat(Files.readString(run.resolve("INCIDENT_SUMMARY.md")))
                    .contains("### P5-T6 Staging Testing - Incident Summary", "**Issue:** Success criterion 10 failed")
                    .contains("**Rollback Executed:** Yes - flags put back");
            assertThat(Files.readString(run.resolve("TRACKER_UPDATE.md"))).contains("NOT COMPLETED (NO-GO)");
            assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_ENABLED"))
                    .isEqualTo("false");
            assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_STRICT_MODE"))
                    .isEqualTo("false");
        } finally {
            StagingRunbookFixture.stopCommittingOutboxRows(jdbc);
        }
    }

    @Test
    void refusesBadArgumentsBeforeChangingAnything() {
        Map<String, String> cli = new HashMap<>(Map.of("DELTACROWN_DATA_DIR", dataDir.toString()));

        Streams noPassword = ServiceProcess.runSeparately(
                cli,
                StagingRunbookFixture.RUN,
                "staging_runbook",
                "--out-dir",
                artifacts.resolve("a").toString());
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.stderr()).contains("pass --password or set RUNBOOK_PASSWORD");

        cli.put("RUNBOOK_PASSWORD", "x");
        assertRefused(cli, "--format must be text or json", "--format", "xml");

        Streams automateWithFiles = ServiceProcess.runSeparately(
                cli,
                StagingRunbookFixture.RUN,
                "staging_validation_test",
                "--automate",
                "--before",
                "before.json",
                "--out-dir",
                artifacts.resolve("e").toString());
        assertThat(automateWithFiles.exitCode()).isEqualTo(1);
        assertThat(automateWithFiles.stderr()).contains("--automate takes its own before and after reports");

        try (Stream<Path> left = Files.list(artifacts)) {
            assertThat(left).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRefused(Map<String, String> cli, String message, String... arguments) {
        List<String> command = new ArrayList<>(
                List.of("staging_runbook", "--out-dir", artifacts.resolve("r").toString()));
        command.addAll(List.of(arguments));
        Streams refused = ServiceProcess.runSeparately(cli, StagingRunbookFixture.RUN, command.toArray(String[]::new));
        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(1);
        assertThat(refused.stderr()).contains(message);
    }

    private Streams runbook(Path run, String... options) {
        List<String> command = new ArrayList<>(
                List.of("staging_runbook", "--base-url", "http://localhost:" + port, "--out-dir", run.toString()));
        command.addAll(LOAD_TOLERANT_LATENCY);
        command.addAll(List.of(options));
        return ServiceProcess.runSeparately(
                StagingRunbookFixture.runbookEnvironment(dataDir),
                StagingRunbookFixture.RUN,
                command.toArray(String[]::new));
    }

    private static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
