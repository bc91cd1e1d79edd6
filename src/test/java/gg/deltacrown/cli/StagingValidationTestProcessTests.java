package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code staging_validation_test} against stand-in {@code kubectl} and {@code docker} executables
 * (shell scripts on PATH that record their arguments and print a report), and with bad input.
 */
class StagingValidationTestProcessTests {

    @TempDir
    Path directory;

    /** A stand-in for a cluster tool: records each call's arguments, answers pod/container lookups, prints the report. */
    Map<String, String> standIns(String report) throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path printed = directory.resolve("remote-report.txt");
        Files.writeString(printed, report);
        for (String tool : List.of("kubectl", "docker")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, """
                    #!/bin/sh
                    echo "$*" >> "%1$s/%2$s.calls"
                    case "$*" in
                      "get pods"*) printf 'deltacrown-web-7f9c' ;;
                      "compose"*) printf 'c0ffee42\\n' ;;
                      *" exec "*|"exec "*) cat "%3$s" ;;
                      *) echo "unexpected: $*" >&2; exit 3 ;;
                    esac
                    """.formatted(directory, tool, printed));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        return environment;
    }

    List<String> calls(String tool) throws IOException {
        return Files.readAllLines(directory.resolve(tool + ".calls"));
    }

    Path reportFile(String name, String json) throws IOException {
        return Files.writeString(directory.resolve(name), json);
    }

    static Streams run(Map<String, String> environment, String... arguments) {
        String[] command = Stream.concat(Stream.of("staging_validation_test"), Stream.of(arguments))
                .toArray(String[]::new);
        return ServiceProcess.runSeparately(environment, CliDatabase.CLI, command);
    }

    @Test
    void takesTheBeforeReportFromTheFirstWebPodWithoutATerminal() throws Exception {
        // As an old deployment prints it: banner lines around the JSON.
        String printed = "Generating migration validation report...\n"
                + ReportJson.write(ReportSamples.originalSample()) + "\n\n✅ Report generation complete.\n";
        Map<String, String> environment = standIns(printed);
        Path after = reportFile("after.json", ReportJson.write(ReportSamples.everything()));
        Path artifacts = directory.resolve("artifacts");

        Streams result = run(environment, "--env=staging-k8s", "--out-dir=" + artifacts, "--after=" + after);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(calls("kubectl"))
                .containsExactly(
                        "get pods -n deltacrown -l app=deltacrown-web -o jsonpath={.items[0].metadata.name}",
                        "exec deltacrown-web-7f9c -n deltacrown -- deltacrown vnext_validation_report --format=json"
                                + " --sample-size=100");
        assertThat(result.stdout())
                .contains(
                        "$ kubectl exec deltacrown-web-7f9c -n deltacrown -- deltacrown",
                        "note: ignored the text around the JSON",
                        "BEFORE VALIDATION REPORT SUMMARY");
        try (Stream<Path> saved = Files.list(artifacts.resolve("baseline"))) {
            Path before = saved.filter(
                            file -> file.getFileName().toString().matches("validation_before_\\d{8}_\\d{6}\\.json"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(before)).isEqualTo(ReportJson.write(ReportSamples.originalSample()));
        }
        assertThat(Files.readString(artifacts.resolve("after/validation_after.json")))
                .isEqualTo(Files.readString(after));
        assertThat(Files.readString(artifacts.resolve("delta.json")))
                .contains("\"vnext_teams\": 1200000,", "\"coverage_pct\": 89.1,");
        assertThat(Files.readString(artifacts.resolve("SUMMARY.md")))
                .contains("**Environment:** staging-k8s  \n", "**Strict Mode:** true  \n");
    }

    @Test
    void usesTheGivenPodNamespaceAndContainerWithoutLookingForAPod() throws Exception {
        Map<String, String> environment = standIns(ReportJson.write(ReportSamples.originalSample()));
        Path after = reportFile("after.json", ReportJson.write(ReportSamples.everything()));

        Streams result = run(
                environment,
                "--env",
                "staging-k8s",
                "--pod",
                "web-0",
                "--namespace",
                "staging",
                "--container",
                "app",
                "--output-dir",
                directory.resolve("logs").toString(),
                "--after",
                after.toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(calls("kubectl"))
                .containsExactly(
                        "exec web-0 -n staging -c app -- deltacrown vnext_validation_report --format=json --sample-size=100");
        assertThat(directory.resolve("logs/SUMMARY.md")).exists();
    }

    @Test
    void refusesToWaitForEnterWhenStdinIsNotATerminal() throws Exception {
        Map<String, String> environment = standIns(ReportJson.write(ReportSamples.everything()));
        Path before = reportFile("before.json", ReportJson.write(ReportSamples.originalSample()));

        Streams result = run(
                environment,
                "--env",
                "staging-k8s",
                "--pod",
                "web-0",
                "--namespace",
                "staging",
                "--container",
                "app",
                "--output-dir",
                directory.resolve("logs").toString(),
                "--before",
                before.toString(),
                "--skip-before");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(result.stderr().strip())
                .isEqualTo(
                        "staging_validation_test: stdin is not a terminal, so nothing"
                                + " can be asked; pass --after PATH (without it the tool waits for ENTER after the manual test flows)");
        assertThat(directory.resolve("kubectl.calls")).doesNotExist();
        assertThat(directory.resolve("logs")).doesNotExist();
    }

    @Test
    void takesTheBeforeReportFromADockerContainerOrTheComposeWebService() throws Exception {
        Map<String, String> environment = standIns(ReportJson.write(ReportSamples.originalSample()));
        Path after = reportFile("after.json", ReportJson.write(ReportSamples.everything()));

        Streams named = run(
                environment,
                "--env=staging-docker",
                "--container=deltacrown_web_1",
                "--output-dir=" + directory.resolve("named"),
                "--after=" + after);
        Streams composed = run(
                environment,
                "--env=staging-docker",
                "--compose-file=docker-compose.staging.yml",
                "--output-dir=" + directory.resolve("composed"),
                "--after=" + after);

        assertThat(named.exitCode()).as(named.stderr()).isZero();
        assertThat(composed.exitCode()).as(composed.stderr()).isZero();
        assertThat(calls("docker"))
                .containsExactly(
                        "exec deltacrown_web_1 deltacrown vnext_validation_report --format=json --sample-size=100",
                        "compose -f docker-compose.staging.yml ps -q web",
                        "exec c0ffee42 deltacrown vnext_validation_report --format=json --sample-size=100");
        assertThat(directory.resolve("named/delta.json")).exists();
        assertThat(directory.resolve("composed/SUMMARY.md")).exists();
    }

    @Test
    void reportsAFailingRemoteCommandAndWritesNoSummary() throws Exception {
        Map<String, String> environment = standIns("not a report at all\n");
        Path after = reportFile("after.json", ReportJson.write(ReportSamples.everything()));

        Streams garbage = run(
                environment,
                "--env=staging-docker",
                "--container=web",
                "--output-dir=" + directory.resolve("out"),
                "--after=" + after);
        Streams unknownTool = run(
                environment,
                "--env=staging-docker",
                "--container=web",
                "--report-command=oops",
                "--output-dir=" + directory.resolve("out"),
                "--after=" + after);

        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.stderr().strip())
                .startsWith("staging_validation_test: the BEFORE report from staging-docker is not valid JSON (");
        assertThat(unknownTool.exitCode()).isEqualTo(1);
        try (Stream<Path> files = Files.list(directory.resolve("out"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesMissingAndMalformedReportsAndUnknownOptionsWithoutWritingAnything() throws Exception {
        Path good = reportFile("good.json", ReportJson.write(ReportSamples.everything()));
        Path malformed = reportFile("malformed.json", "{\"meta\": {\"sample_size\": 5},");
        Path notAReport = reportFile("list.json", "[1, 2, 3]");
        Path out = directory.resolve("out");
        Map<String, String> none = Map.of();

        Streams missing = run(
                none,
                "--env=local",
                "--out-dir=" + out,
                "--before=" + directory.resolve("nope.json"),
                "--after=" + good);
        Streams broken = run(none, "--env=local", "--out-dir=" + out, "--before=" + good, "--after=" + malformed);
        Streams list = run(none, "--env=local", "--out-dir=" + out, "--before=" + notAReport, "--after=" + good);
        Streams unknown = run(none, "--env=local", "--out-dir=" + out, "--befor=" + good);
        Streams environment = run(none, "--env=staging", "--before=" + good, "--after=" + good);

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr().strip())
                .isEqualTo("staging_validation_test: the BEFORE report " + directory.resolve("nope.json")
                        + " does not exist");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.stderr().strip())
                .startsWith("staging_validation_test: the AFTER report " + malformed + " is not valid JSON (");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.stderr().strip())
                .isEqualTo("staging_validation_test: the BEFORE report " + notAReport
                        + " is not a validation report (no meta and coverage sections)");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("Unknown option: '--befor=");
        assertThat(environment.exitCode()).isEqualTo(1);
        assertThat(environment.stderr().strip())
                .isEqualTo("staging_validation_test: --env must be one of staging-k8s,"
                        + " staging-docker, local (got 'staging')");
        assertThat(out).doesNotExist();
        assertThat(directory.resolve("logs")).doesNotExist();
    }
}
