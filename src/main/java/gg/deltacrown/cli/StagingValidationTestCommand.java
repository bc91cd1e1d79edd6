package gg.deltacrown.cli;

import gg.deltacrown.validation.ArtifactWriter;
import gg.deltacrown.validation.ReportDelta;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.StagingSummaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code staging_validation_test}: the runbook's before/after delta analysis (spec 8). With
 * {@code --before} and {@code --after} it never prompts; when it would have to (no after report,
 * {@code --skip-before} without a file, no container for Docker) and stdin is not a terminal, it
 * stops before doing anything and says which option is missing.
 */
@Command(
        name = "staging_validation_test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Before/after validation reports of the staging dual-write test, their delta,",
            "and the summaries (delta.json, delta.md, SUMMARY.md,",
            "staging_test_summary_<time>.md) in the artifact directory.",
            "With --automate: the whole runbook against a running service, as",
            "'staging_runbook' does (its options below)."
        })
final class StagingValidationTestCommand implements Callable<Integer> {

    static final List<String> ENVIRONMENTS = List.of("staging-k8s", "staging-docker", "local");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

    @Option(
            names = "--env",
            defaultValue = "staging-k8s",
            paramLabel = "local|staging-k8s|staging-docker",
            description = "Where reports are generated (default: ${DEFAULT-VALUE})")
    String environment;

    @Option(
            names = "--output-dir",
            defaultValue = "./logs",
            description = "Output directory (default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(
            names = "--out-dir",
            description = "Artifact directory: wins over --output-dir, gets baseline/, after/, logs/")
    Path outDir;

    @Option(
            names = "--skip-before",
            description = "Do not generate the BEFORE report (use --before or answer the prompt)")
    boolean skipBefore;

    @Option(names = "--before", paramLabel = "PATH", description = "Existing BEFORE report (JSON)")
    Path before;

    @Option(names = "--after", paramLabel = "PATH", description = "Existing AFTER report (JSON)")
    Path after;

    @Option(names = "--pod", description = "staging-k8s: the pod (default: the first with label app=deltacrown-web)")
    String pod;

    @Option(
            names = "--namespace",
            defaultValue = "deltacrown",
            description = "staging-k8s: namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--container", description = "staging-docker: the container; staging-k8s: the container in the pod")
    String container;

    @Option(
            names = "--compose-file",
            paramLabel = "FILE",
            description = "staging-docker: find the 'web' container of this compose file")
    Path composeFile;

    @Option(
            names = "--report-command",
            defaultValue = "deltacrown vnext_validation_report",
            description = "The report command inside the pod or container (default: ${DEFAULT-VALUE})")
    String reportCommand;

    @Option(
            names = "--automate",
            description = "Run the whole runbook against --base-url (the five flows included)"
                    + " instead of only the reports and their delta; see 'staging_runbook --help'")
    boolean automate;

    @Mixin
    RunbookOptions runbook;

    @Override
    public Integer call() {
        if (automate) {
            if (before != null || after != null || skipBefore) {
                throw new CommandFailedException("--automate takes its own before and after reports; drop --before,"
                        + " --after and --skip-before");
            }
            return runbook.run(outDir);
        }
        if (!ENVIRONMENTS.contains(environment)) {
            throw new CommandFailedException(
                    "--env must be one of " + String.join(", ", ENVIRONMENTS) + " (got '" + environment + "')");
        }
        StagingReports reports = new StagingReports(environment, pod, namespace, container, composeFile, reportCommand);
        refusePromptsWithoutATerminal(reports);
        JsonNode beforeReport = before == null ? null : StagingReports.load(before, "BEFORE");
        JsonNode afterReport = after == null ? null : StagingReports.load(after, "AFTER");

        Path root = outDir != null ? outDir : outputDir;
        createDirectories(root);
        System.out.println();
        System.out.println("=".repeat(80));
        System.out.println("P5-T6 STAGING DUAL-WRITE VALIDATION TEST");
        System.out.println("=".repeat(80));
        System.out.println();
        System.out.println("Environment: " + environment);
        System.out.println("Output Directory: " + root);
        System.out.println();

        beforeReport = before(reports, root, beforeReport);
        afterReport = after(reports, root, afterReport);

        ReportDelta delta = ReportDelta.between(beforeReport, afterReport);
        StagingConsole.delta(beforeReport, afterReport, delta);
        StagingSummaries summaries = new StagingSummaries(
                beforeReport, afterReport, delta, environment, root.toString(), LocalDateTime.now());
        Map<Path, String> files = summaries.files(root);
        ArtifactWriter.write(files);
        files.keySet().forEach(file -> System.out.println("\u2705 Saved: " + file));
        StagingConsole.nextSteps(root.resolve("SUMMARY.md"), root.resolve(summaries.detailedSummaryName()));
        return 0;
    }

    private void refusePromptsWithoutATerminal(StagingReports reports) {
        List<String> missing = new ArrayList<>();
        if (before == null && skipBefore) {
            missing.add("--before PATH (--skip-before would ask for the BEFORE report file)");
        }
        if (after == null) {
            missing.add("--after PATH (without it the tool waits for ENTER after the manual test flows)");
        }
        boolean generates = (before == null && !skipBefore) || after == null;
        if (generates && reports.needsContainerPrompt()) {
            missing.add("--container NAME or --compose-file FILE (staging-docker would ask for the container)");
        }
        if (!missing.isEmpty() && !Terminal.interactive()) {
            throw new CommandFailedException(
                    "stdin is not a terminal, so nothing can be asked; pass " + String.join(" and ", missing));
        }
    }

    private JsonNode before(StagingReports reports, Path root, JsonNode loaded) {
        if (before != null) {
            System.out.println();
            System.out.println("\uD83D\uDCC2 Loading BEFORE report from: " + before);
            if (outDir != null) {
                ArtifactWriter.copy(before, root.resolve("baseline").resolve("validation_before.json"));
            }
            return loaded;
        }
        if (!skipBefore) {
            JsonNode report = reports.generate("BEFORE");
            save(report, outDir != null ? root.resolve("baseline") : root, "before");
            StagingConsole.summary(report, "before");
            return report;
        }
        System.out.println();
        System.out.println("\u26A0\uFE0F  Skipping BEFORE report (--skip-before specified)");
        String path = Terminal.ask("Enter path to existing BEFORE report JSON: ");
        if (path == null || path.isBlank()) {
            throw new CommandFailedException("no BEFORE report given");
        }
        return StagingReports.load(Path.of(path.strip()), "BEFORE");
    }

    private JsonNode after(StagingReports reports, Path root, JsonNode loaded) {
        if (after != null) {
            System.out.println();
            System.out.println("\uD83D\uDCC2 Loading AFTER report from: " + after);
            if (outDir != null) {
                ArtifactWriter.copy(after, root.resolve("after").resolve("validation_after.json"));
            }
            return loaded;
        }
        StagingConsole.manualTesting();
        Terminal.ask("Press ENTER when manual testing is complete...");
        JsonNode report = reports.generate("AFTER");
        save(report, outDir != null ? root.resolve("after") : root, "after");
        StagingConsole.summary(report, "after");
        return report;
    }

    private static void save(JsonNode report, Path directory, String label) {
        Path file = directory.resolve("validation_" + label + "_" + FILE_TIME.format(LocalDateTime.now()) + ".json");
        ArtifactWriter.write(file, ReportJson.write(report));
        System.out.println("\u2705 Report saved to: " + file);
    }

    private void createDirectories(Path root) {
        try {
            Files.createDirectories(root);
            if (outDir != null) {
                for (String sub : List.of("baseline", "after", "logs")) {
                    Files.createDirectories(root.resolve(sub));
                }
                System.out.println("Using artifact directory: " + root);
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot create " + root + ": " + DatabaseTarget.rootMessage(e));
        }
    }
}
