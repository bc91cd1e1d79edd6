package gg.deltacrown.runbook;

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
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The runbook's before/after delta analysis as {@code staging_validation_test} runs it (module
 * API): reports from files, this database or the staging cluster, their delta and the summaries.
 * With both report files given it never prompts; when it would have to (no after report,
 * {@code --skip-before} without a file, no container for Docker) and there is no terminal, it
 * stops before doing anything and says which option is missing (docs/adr/0012).
 */
public final class StagingValidationTest {

    public static final List<String> ENVIRONMENTS = List.of("staging-k8s", "staging-docker", "local");
    /** The sample size of every report the runbook generates, as the runbook's commands ask. */
    public static final int REPORT_SAMPLE_SIZE = StagingReports.SAMPLE_SIZE;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

    /**
     * The options of {@code staging_validation_test}, as the original script's plus the cluster's.
     *
     * @param outDir the runbook's artifact directory (gets baseline/, after/, logs/); wins over outputDir
     */
    public record Request(
            String environment,
            Path outputDir,
            Path outDir,
            boolean skipBefore,
            Path before,
            Path after,
            String pod,
            String namespace,
            String container,
            Path composeFile,
            String reportCommand) {

        public Request {
            if (!ENVIRONMENTS.contains(environment)) {
                throw new RunbookFailedException(
                        "--env must be one of " + String.join(", ", ENVIRONMENTS) + " (got '" + environment + "')");
            }
        }

        Path root() {
            return outDir != null ? outDir : outputDir;
        }
    }

    private final Request request;
    private final StagingReports reports;
    private final StagingConsole console;
    private final OperatorPrompt prompt;
    private final Consumer<String> out;

    /** @param localReport the in-process report of {@code --env local} (the caller starts the service for it) */
    public StagingValidationTest(
            Request request, Supplier<JsonNode> localReport, OperatorPrompt prompt, Consumer<String> out) {
        this.request = request;
        this.reports = new StagingReports(request, localReport, prompt, out);
        this.console = new StagingConsole(out);
        this.prompt = prompt;
        this.out = out;
    }

    /** Runs it; a step that cannot be carried out throws {@link RunbookFailedException}. */
    public void run() {
        refusePromptsWithoutATerminal();
        JsonNode beforeReport = request.before() == null ? null : reports.load(request.before(), "BEFORE");
        JsonNode afterReport = request.after() == null ? null : reports.load(request.after(), "AFTER");

        Path root = request.root();
        createDirectories(root);
        out.accept("");
        out.accept("=".repeat(80));
        out.accept("P5-T6 STAGING DUAL-WRITE VALIDATION TEST");
        out.accept("=".repeat(80));
        out.accept("");
        out.accept("Environment: " + request.environment());
        out.accept("Output Directory: " + root);
        out.accept("");

        beforeReport = before(root, beforeReport);
        afterReport = after(root, afterReport);

        ReportDelta delta = ReportDelta.between(beforeReport, afterReport);
        console.delta(beforeReport, afterReport, delta);
        StagingSummaries summaries = new StagingSummaries(
                beforeReport, afterReport, delta, request.environment(), root.toString(), LocalDateTime.now());
        Map<Path, String> files = summaries.files(root);
        ArtifactWriter.write(files);
        files.keySet().forEach(file -> out.accept("\u2705 Saved: " + file));
        console.nextSteps(root.resolve("SUMMARY.md"), root.resolve(summaries.detailedSummaryName()));
    }

    private void refusePromptsWithoutATerminal() {
        List<String> missing = new ArrayList<>();
        if (request.before() == null && request.skipBefore()) {
            missing.add("--before PATH (--skip-before would ask for the BEFORE report file)");
        }
        if (request.after() == null) {
            missing.add("--after PATH (without it the tool waits for ENTER after the manual test flows)");
        }
        boolean generates = (request.before() == null && !request.skipBefore()) || request.after() == null;
        if (generates && reports.needsContainerPrompt()) {
            missing.add("--container NAME or --compose-file FILE (staging-docker would ask for the container)");
        }
        if (!missing.isEmpty() && !prompt.interactive()) {
            throw new RunbookFailedException(
                    "stdin is not a terminal, so nothing can be asked; pass " + String.join(" and ", missing));
        }
    }

    private JsonNode before(Path root, JsonNode loaded) {
        if (request.before() != null) {
            out.accept("");
            out.accept("\uD83D\uDCC2 Loading BEFORE report from: " + request.before());
            if (request.outDir() != null) {
                ArtifactWriter.copy(request.before(), root.resolve("baseline").resolve("validation_before.json"));
            }
            return loaded;
        }
        if (!request.skipBefore()) {
            JsonNode report = reports.generate("BEFORE");
            save(report, request.outDir() != null ? root.resolve("baseline") : root, "before");
            console.summary(report, "before");
            return report;
        }
        out.accept("");
        out.accept("\u26A0\uFE0F  Skipping BEFORE report (--skip-before specified)");
        String path = prompt.ask("Enter path to existing BEFORE report JSON: ");
        if (path == null || path.isBlank()) {
            throw new RunbookFailedException("no BEFORE report given");
        }
        return reports.load(Path.of(path.strip()), "BEFORE");
    }

    private JsonNode after(Path root, JsonNode loaded) {
        if (request.after() != null) {
            out.accept("");
            out.accept("\uD83D\uDCC2 Loading AFTER report from: " + request.after());
            if (request.outDir() != null) {
                ArtifactWriter.copy(request.after(), root.resolve("after").resolve("validation_after.json"));
            }
            return loaded;
        }
        console.manualTesting();
        prompt.ask("Press ENTER when manual testing is complete...");
        JsonNode report = reports.generate("AFTER");
        save(report, request.outDir() != null ? root.resolve("after") : root, "after");
        console.summary(report, "after");
        return report;
    }

    private void save(JsonNode report, Path directory, String label) {
        Path file = directory.resolve("validation_" + label + "_" + FILE_TIME.format(LocalDateTime.now()) + ".json");
        ArtifactWriter.write(file, ReportJson.write(report));
        out.accept("\u2705 Report saved to: " + file);
    }

    private void createDirectories(Path root) {
        try {
            Files.createDirectories(root);
            if (request.outDir() != null) {
                for (String sub : List.of("baseline", "after", "logs")) {
                    Files.createDirectories(root.resolve(sub));
                }
                out.accept("Using artifact directory: " + root);
            }
        } catch (IOException e) {
            throw new RunbookFailedException("cannot create " + root + ": " + RemoteCommand.rootMessage(e));
        }
    }
}
