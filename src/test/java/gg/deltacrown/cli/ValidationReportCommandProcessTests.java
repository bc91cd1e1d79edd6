package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import gg.deltacrown.validation.MigrationFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vnext_validation_report} as operators run it from the runbooks: a separate process whose
 * stdout is redirected to a file (docs/adr/0010).
 */
class ValidationReportCommandProcessTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static CliDatabase database;

    @TempDir
    Path directory;

    @BeforeAll
    static void partlyMigratedData() {
        database = CliDatabase.migrated("report_cli");
        MigrationFixture fixture = database.fixture();
        fixture.pair("Crimson Wolves");
        fixture.legacyTeam("Jade Tigers").create();
    }

    @Test
    void printsOnlyTheJsonDocumentOnStdoutInJsonMode() throws Exception {
        Streams run = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--format=json",
                "--sample-size=100");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.get("coverage").get("legacy_team_count").asLong()).isEqualTo(2);
        assertThat(report.get("coverage").get("mapping_percentage").asDouble()).isEqualTo(50.0);
        assertThat(report.get("meta").get("sample_size").asInt()).isEqualTo(100);
        assertThat(run.stdout()).startsWith("{\n  \"meta\": {\n").endsWith("}\n");
        assertThat(run.stderr()).contains("Generating migration validation report...", "✅ Report generation complete.");
    }

    @Test
    void printsTheBannersAroundTheTextReportOnStdoutInTextMode() {
        Streams run = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "vnext_validation_report", "--sample-size", "100");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] lines = run.stdout().split("\n", -1);
        assertThat(lines[0]).isEqualTo("Generating migration validation report...");
        assertThat(lines[1]).isEqualTo("=".repeat(80));
        assertThat(run.stdout())
                .contains(
                        "Legacy Teams (Active):     2\n",
                        "Mapping Coverage:          50.00%\n",
                        "  \uD83D\uDD34 CRITICAL: 1 legacy teams unmapped (50.0% missing).")
                .endsWith("=".repeat(80) + "\n\n✅ Report generation complete.\n");
        assertThat(run.stdout().getBytes(StandardCharsets.UTF_8)).containsSequence(0xF0, 0x9F, 0x94, 0xB4);
    }

    @Test
    void writesOnlyTheReportToTheOutputFile() throws Exception {
        Path file = directory.resolve("validation_before.json");

        Streams run = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--format",
                "json",
                "--output",
                file.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("Report written to: " + file);
        String written = Files.readString(file);
        assertThat(written).startsWith("{").endsWith("}");
        assertThat(JSON.readTree(written).get("meta").get("sample_size").asInt())
                .isEqualTo(50);
        assertThat(directory).isDirectoryNotContaining("glob:**/.*tmp");
    }

    @Test
    void exitsWithOneOnACriticalFindingWhenAskedTo() {
        Streams run = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--fail-on-errors",
                "--game-id",
                "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("  Game ID: 1\n")
                .endsWith("\n\n❌ Validation errors detected. Exiting with code 1.\n");
    }

    @Test
    void passesTheGateWhenNoLegacyTeamIsInScope() {
        Streams run = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--fail-on-errors",
                "--format=json",
                "--region",
                "OCE");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains(
                        "\"mapping_percentage\": 100.0",
                        "✅ All validation checks passed. Migration data is healthy and ready for Phase 6.");
    }

    @Test
    void refusesBadOptionsWithOneClearLineAndWritesNothing() {
        Path file = directory.resolve("report.json");

        Streams negative = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--sample-size=-5",
                "--output",
                file.toString());
        Streams format = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "vnext_validation_report", "--format=xml");
        Streams unknown = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "vnext_validation_report", "--sample=5");

        assertThat(negative.exitCode()).isEqualTo(1);
        assertThat(negative.stderr().strip())
                .isEqualTo("vnext_validation_report: --sample-size must be 0 or more (got -5)");
        assertThat(format.exitCode()).isEqualTo(1);
        assertThat(format.stderr().strip())
                .isEqualTo("vnext_validation_report: --format must be text or json (got 'xml')");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("Unknown option: '--sample=5'");
        assertThat(negative.stdout() + format.stdout() + unknown.stdout()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void writesTheDriftIdsOfTheFullVerification() throws Exception {
        Path ids = directory.resolve("drift.ids");

        Streams run = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--format=json",
                "--full",
                "--output-ids",
                ids.toString());
        Streams withoutFull = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "vnext_validation_report", "--output-ids", ids + ".2");
        Streams filtered = ServiceProcess.runSeparately(
                database.environment(), CliDatabase.CLI, "vnext_validation_report", "--full", "--region", "EU");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode full = JSON.readTree(run.stdout()).get("full_verification");
        assertThat(full.get("compared_pairs").asLong()).isEqualTo(1);
        assertThat(full.get("drifted_pairs").asLong()).isZero();
        assertThat(run.stderr()).contains("Drift ids written to: " + ids);
        assertThat(Files.readAllLines(ids)).containsExactly("# deltacrown drift ids v1", "# 0 drifted item(s)");
        assertThat(withoutFull.exitCode()).isEqualTo(1);
        assertThat(withoutFull.stderr().strip()).isEqualTo("vnext_validation_report: --output-ids needs --full");
        assertThat(filtered.exitCode()).isEqualTo(1);
        assertThat(filtered.stderr().strip())
                .isEqualTo(
                        "vnext_validation_report: --full compares every pair and takes no --game-id or --region filter");
        assertThat(Path.of(ids + ".2")).doesNotExist();
        assertThat(directory).isDirectoryNotContaining("glob:**/*.partial");
    }
}
