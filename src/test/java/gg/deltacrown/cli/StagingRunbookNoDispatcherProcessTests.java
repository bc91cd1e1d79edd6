package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staging runbook against a service whose dispatcher is stopped ({@code OUTBOX_WORKERS=0}):
 * the shadows are never written, which is a NO-GO with the failed criteria named, and the flags
 * are still put back as they were.
 */
class StagingRunbookNoDispatcherProcessTests {

    @TempDir
    Path artifacts;

    @TempDir
    Path dataDir;

    @Test
    void aShadowThatIsNeverWrittenIsANoGoAndTheFlagsAreStillRestored() throws Exception {
        int port = ServiceProcess.freePort();
        try (ServiceProcess service = StagingRunbookFixture.serve(dataDir, port, Map.of("OUTBOX_WORKERS", "0"))) {
            JdbcTemplate jdbc = StagingRunbookFixture.jdbc(dataDir);
            Path run = artifacts.resolve("no-go");

            Streams result = ServiceProcess.runSeparately(
                    StagingRunbookFixture.runbookEnvironment(dataDir),
                    StagingRunbookFixture.RUN,
                    "staging_runbook",
                    "--base-url",
                    "http://localhost:" + port,
                    "--out-dir",
                    run.toString(),
                    "--shadow-timeout",
                    "2",
                    "--log-file",
                    service.outputFile().toString(),
                    "--format",
                    "json");

            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
            assertThat(result.stderr()).contains("NO-GO", "was not written within 2 s (1 outbox rows pending)");
            assertThat(StagingRunbookProcessTests.JSON
                            .readTree(result.stdout())
                            .path("result")
                            .asString())
                    .isEqualTo("NO-GO");
            String criteria = Files.readString(run.resolve("SUCCESS_CRITERIA.md"));
            assertThat(criteria)
                    .contains("| 2 | All 5 test flows executed successfully (team create, member add/update/remove,"
                            + " settings update) | \u274C FAIL | 0 of 5; Flow 1 (independent team creation): the"
                            + " legacy shadow of team")
                    .contains("| 4 | Legacy shadow rows verified in database for all operations | \u274C FAIL")
                    .contains("| 8 | No performance regressions detected (query count, latency) | \u274C FAIL |"
                            + " not run: Flow 1 failed")
                    .contains("| 10 | Failure simulation succeeded (if executed): vNext request OK, failure logged |"
                            + " \u274C FAIL")
                    .contains("| 11 | Rollback procedure tested and documented | \u2705 PASS")
                    .doesNotContain("SKIPPED");
            assertThat(Files.readString(run.resolve("SUMMARY.md")))
                    .contains("**NO-GO**", "\u274C Flow 1 (independent team creation)")
                    .doesNotContain("Flow 2:");
            assertThat(run.resolve("after/validation_after.json")).isNotEmptyFile();
            assertThat(run.resolve("INCIDENT_SUMMARY.md")).isNotEmptyFile();
            assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_ENABLED"))
                    .isEqualTo("false");
            assertThat(StagingRunbookFixture.flag(jdbc, "TEAM_VNEXT_DUAL_WRITE_STRICT_MODE"))
                    .isEqualTo("false");
        }
    }
}
