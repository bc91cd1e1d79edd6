package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.Rollback;
import gg.deltacrown.migration.TestDataCleanup;
import gg.deltacrown.validation.ArtifactWriter;
import gg.deltacrown.validation.ReportDelta;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ReportText;
import gg.deltacrown.validation.StagingSummaries;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The staging dual-write runbook (docs/runbooks/STAGING_RUNBOOK_QUICK_START.md) as one command (module
 * API): every phase in the runbook's order against the running service, over HTTP and in its
 * database, each one's evidence under the runbook's artifact tree ({@code baseline/},
 * {@code after/}, {@code logs/}, {@code delta.*}, {@code SUMMARY.md}), the twelve success
 * criteria decided ({@code SUCCESS_CRITERIA.md}), the tracker update, and the flags put back as
 * they were whatever fails (docs/adr/0017, docs/adr/0025).
 */
@Service
public class StagingRunbook {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT);
    private static final String DATABASE = """
            SELECT current_database() || ' on ' || coalesce(host(inet_server_addr()), 'local socket') || ':'
                   || coalesce(inet_server_port()::text, '-') || ' (' || split_part(version(), ' on ', 1) || ')'
            """;

    /**
     * GO when every success criterion passed and the delta has no issue.
     *
     * @param json the summary for CI ({@code --format=json}), also {@code RUNBOOK_SUMMARY.json}
     */
    public record Result(boolean go, List<String> problems, Path outDir, Path summary, String json) {}

    private final Flags flags;
    private final Rollback rollback;
    private final ValidationReports reports;
    private final JdbcClient jdbc;
    private final TestDataCleanup cleanup;

    StagingRunbook(
            Flags flags, Rollback rollback, ValidationReports reports, JdbcClient jdbc, TestDataCleanup cleanup) {
        this.flags = flags;
        this.rollback = rollback;
        this.reports = reports;
        this.jdbc = jdbc;
        this.cleanup = cleanup;
    }

    /**
     * Runs the runbook. Pre-flight problems throw {@link RunbookFailedException} before anything
     * is changed; later failures are NO-GO results with every artifact written.
     */
    public Result run(RunbookRequest request, Consumer<String> out) {
        LocalDateTime started = LocalDateTime.now();
        long startNanos = System.nanoTime();
        RunContext run = new RunContext(
                request,
                RUN_ID.format(started),
                new ServiceClient(request.baseUrl()),
                new Instances(request.instances()),
                flags,
                rollback,
                jdbc,
                out);

        out.accept("Pre-flight");
        LegacyWriteFault.Plan fault = new Preflight(run).check();
        directories(request.outDir());

        out.accept("Phase 1: baseline validation report");
        JsonNode before = report(run, "baseline", "before");
        boolean wasOn = flags.isOn(Flag.DUAL_WRITE_ENABLED);
        RunbookPhases phases = new RunbookPhases(run, fault, cleanup, () -> report(run, "after", "after"));
        Outcome restored;
        try {
            phases.run(wasOn);
        } finally {
            out.accept("Restoring the flags");
            restored = phases.restore(wasOn);
            out.accept("  " + restored.evidence());
            ArtifactWriter.write(run.artifacts);
        }

        out.accept("Phase 8: documentation");
        LogChecks logs = logs(run);
        ReportDelta delta = ReportDelta.between(before, phases.after);
        List<SuccessCriteria.Criterion> criteria =
                SuccessCriteria.of(new Verdicts(run, phases, logs, delta, restored).outcomes());
        List<String> problems = SuccessCriteria.failures(criteria);

        StagingSummaries summaries = new StagingSummaries(
                before,
                phases.after,
                delta,
                "automated run against " + request.baseUrl(),
                request.outDir().toString(),
                LocalDateTime.now(),
                new StagingSummaries.AutomatedRun(
                        request.operator(),
                        Duration.ofNanos(System.nanoTime() - startNanos),
                        flowLines(phases),
                        problems,
                        phases.performanceLines,
                        rollbackLines(phases, restored)));
        List<String> issues = summaries.issues();
        RunReport report = new RunReport(
                run.runId,
                request,
                started,
                Duration.ofNanos(System.nanoTime() - startNanos),
                environment(run),
                before,
                phases.after,
                delta,
                criteria,
                issues,
                strictMode(phases),
                "TEAM_VNEXT_DUAL_WRITE_ENABLED=" + flags.value(Flag.DUAL_WRITE_ENABLED)
                        + ", TEAM_VNEXT_DUAL_WRITE_STRICT_MODE=" + flags.value(Flag.DUAL_WRITE_STRICT_MODE),
                restored.evidence());
        Map<Path, String> files = new LinkedHashMap<>(run.artifacts);
        files.putAll(summaries.files(request.outDir()));
        files.put(request.outDir().resolve("SUCCESS_CRITERIA.md"), SuccessCriteria.markdown(criteria, run.runId));
        files.putAll(TrackerUpdate.files(report));
        String json = RunbookJson.write(report);
        files.put(request.outDir().resolve(RunbookJson.FILE), json);
        ArtifactWriter.write(files);
        appendToTracker(request, report);
        files.keySet().stream()
                .filter(file -> !run.artifacts.containsKey(file))
                .forEach(file -> out.accept("  saved " + file));
        out.accept("Success criteria:");
        criteria.forEach(criterion -> out.accept(
                "  " + criterion.number() + ". " + criterion.outcome().status().label + "  " + criterion.text()));
        out.accept(String.format(Locale.ROOT, "Run took %.1f s", (System.nanoTime() - startNanos) / 1e9));
        return new Result(
                issues.isEmpty(), issues, request.outDir(), request.outDir().resolve("SUMMARY.md"), json);
    }

    private static List<String> flowLines(RunbookPhases phases) {
        List<String> lines = new ArrayList<>();
        if (phases.strictSmoke != null) {
            lines.addAll(phases.strictSmoke.lines());
        }
        lines.addAll(phases.flows.lines());
        return lines;
    }

    private static List<String> rollbackLines(RunbookPhases phases, Outcome restored) {
        return List.of(
                phases.rollback.status().label + " Rollback procedure (scenario 1): " + phases.rollback.evidence(),
                phases.cleanup.status().label + " Test data (scenario 3): " + phases.cleanup.evidence(),
                restored.status().label + " Dual-write still enabled: "
                        + (restored.passed() ? restored.evidence() : "NOT confirmed: " + restored.evidence()));
    }

    private static String strictMode(RunbookPhases phases) {
        return phases.strictSmoke == null
                ? "stayed OFF for the whole run (Phase 2.3 opted out)"
                : "ON only for Phase 2.3 (strict smoke), OFF again before the flows and at the end ("
                        + phases.strictOffForFlows.evidence() + ")";
    }

    private LogChecks logs(RunContext run) {
        if (!run.request.logs().present()) {
            return new LogChecks(run, null);
        }
        ServiceLogs logs = ServiceLogs.read(
                run.request.logs(), run.started, text -> ArtifactWriter.write(run.logs("service.log"), text), run.out);
        return new LogChecks(run, logs);
    }

    private String environment(RunContext run) {
        String database = jdbc.sql(DATABASE).query(String.class).single();
        return "service " + run.request.baseUrl() + " (instances " + run.instances.urls() + "), database " + database;
    }

    private JsonNode report(RunContext run, String directory, String label) {
        ValidationReport report = reports.generate(ReportRequest.unfiltered(StagingReports.SAMPLE_SIZE));
        Map<Path, String> files = new LinkedHashMap<>();
        Path root = run.request.outDir().resolve(directory);
        files.put(root.resolve("validation_" + label + ".json"), ReportJson.write(report));
        files.put(root.resolve("validation_" + label + ".txt"), ReportText.render(report));
        ArtifactWriter.write(files);
        files.keySet().forEach(file -> run.out.accept("  saved " + file));
        return ReportJson.toTree(report);
    }

    private static void appendToTracker(RunbookRequest request, RunReport report) {
        if (request.tracker() == null) {
            return;
        }
        try {
            Files.writeString(
                    request.tracker(),
                    "\n" + TrackerUpdate.tracker(report),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the tracker " + request.tracker(), e);
        }
    }

    private static void directories(Path root) {
        try {
            for (String sub : List.of("baseline", "after", "logs")) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new RunbookFailedException(
                    "cannot create the artifact directory " + root + ": " + RemoteCommand.rootMessage(e));
        }
    }
}
