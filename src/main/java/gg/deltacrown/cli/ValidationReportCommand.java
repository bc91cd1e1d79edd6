package gg.deltacrown.cli;

import gg.deltacrown.validation.ArtifactWriter;
import gg.deltacrown.validation.DriftIdsFile;
import gg.deltacrown.validation.FullRequest;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ReportText;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vnext_validation_report}: the original's management command (docs/adr/0010), with the same
 * options and lines. In JSON mode stdout carries only the JSON document and every other line goes
 * to stderr, so the runbook's {@code > validation_before.json} is valid JSON.
 */
@Command(
        name = "vnext_validation_report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Generate the migration validation report for Team & Organization vNext.")
final class ValidationReportCommand implements Callable<Integer> {

    static final List<String> FORMATS = List.of("text", "json");

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "PATH", description = "Write the report to this file instead of stdout")
    Path output;

    @Option(
            names = "--sample-size",
            defaultValue = "50",
            description = "Mapped teams to sample for the consistency checks (default: ${DEFAULT-VALUE})")
    int sampleSize;

    @Option(names = "--game-id", description = "Only this game (vNext game id; 0 and unknown ids filter too)")
    Integer gameId;

    @Option(names = "--region", description = "Only this region")
    String region;

    @Option(names = "--fail-on-errors", description = "Exit with code 1 when a CRITICAL problem is found")
    boolean failOnErrors;

    @Option(
            names = "--full",
            description = "Also compare every mapped pair, membership and ranking (section full_verification)")
    boolean full;

    @Option(
            names = "--output-ids",
            paramLabel = "FILE",
            description = "With --full: write every drifted item to FILE (the input of repair --ids)")
    Path outputIds;

    @Option(
            names = "--drift-samples",
            defaultValue = "20",
            description = "With --full: drifted items listed in the report (default: ${DEFAULT-VALUE})")
    int driftSamples;

    @Override
    public Integer call() {
        if (!FORMATS.contains(format)) {
            throw new CommandFailedException("--format must be text or json (got '" + format + "')");
        }
        ReportRequest request = new ReportRequest(sampleSize, gameId, region);
        if (!request.problems().isEmpty()) {
            throw new CommandFailedException(request.problems().stream()
                    .map(ReportRequest.Problem::asOption)
                    .collect(Collectors.joining("; ")));
        }
        if (!full && outputIds != null) {
            throw new CommandFailedException("--output-ids needs --full");
        }
        if (full && request.filtered()) {
            throw new CommandFailedException(ValidationReports.FULL_WITHOUT_FILTERS);
        }
        if (driftSamples < 0) {
            throw new CommandFailedException("--drift-samples must be 0 or more (got " + driftSamples + ")");
        }
        boolean json = format.equals("json");
        PrintStream banner = json ? System.err : System.out;
        banner.println("Generating migration validation report...");
        ValidationReport report;
        DriftIdsFile ids = outputIds == null ? null : DriftIdsFile.create(outputIds);
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            FullRequest fullRequest = full ? new FullRequest(driftSamples, ids) : null;
            report = service.bean(ValidationReports.class).generate(request, fullRequest);
            if (ids != null) {
                ids.finish();
                banner.println("Drift ids written to: " + outputIds);
            }
        } finally {
            if (ids != null) {
                ids.close();
            }
        }
        String document = json ? ReportJson.write(report) : ReportText.render(report);
        if (output != null) {
            ArtifactWriter.write(output, document);
            banner.println("Report written to: " + output);
        } else {
            System.out.println(document);
            System.out.flush();
        }
        if (failOnErrors && report.hasErrors()) {
            banner.println();
            banner.println("\u274C Validation errors detected. Exiting with code 1.");
            return 1;
        }
        banner.println();
        banner.println("\u2705 Report generation complete.");
        return 0;
    }
}
