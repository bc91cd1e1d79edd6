package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.RoutingMode;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The staging dual-write runbook (P5_T6_STAGING_DUAL_WRITE_TESTING.md) as one command (module
 * API): pre-flight, baseline report, dual-write on, the five test flows over HTTP against the
 * running service with each legacy shadow checked in the database, a latency sample, the after
 * report, the delta and summaries, and dual-write back to what it was. Every artifact lands where
 * the manual runbook puts it ({@code baseline/}, {@code after/}, {@code logs/}, {@code delta.*},
 * {@code SUMMARY.md}). The flags are restored whatever fails (docs/adr/0017).
 */
@Service
public class StagingRunbook {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FLAG_SERIES =
            "deltacrown_flag_enabled{flag=\"" + Flag.DUAL_WRITE_ENABLED.variable() + "\"}";
    private static final int REPORT_SAMPLE_SIZE = 100;

    /** GO when every flow and check passed and the delta has no issue. */
    public record Result(boolean go, List<String> problems, Path outDir, Path summary) {}

    private final Flags flags;
    private final ValidationReports reports;
    private final JdbcClient jdbc;
    private final TestDataCleanup cleanup;

    StagingRunbook(Flags flags, ValidationReports reports, JdbcClient jdbc, TestDataCleanup cleanup) {
        this.flags = flags;
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
        String runId = RUN_ID.format(started);
        ServiceClient client = new ServiceClient(request.baseUrl());
        ShadowChecks checks = new ShadowChecks(jdbc);
        Path root = request.outDir();

        out.accept("Pre-flight");
        preflight(request, client, out);
        directories(root);
        Map<Path, String> logs = new LinkedHashMap<>();

        out.accept("Phase 1: baseline validation report");
        JsonNode before = report(root.resolve("baseline"), "before", out);

        boolean wasOn = flags.isOn(Flag.DUAL_WRITE_ENABLED);
        boolean restoring = !wasOn && !request.leaveDualWriteOn();
        List<String> problems = new ArrayList<>();
        List<String> flowLines = new ArrayList<>();
        List<String> performance = new ArrayList<>();
        Flows flows = new Flows(request, client, checks, logs, flowLines, out);
        boolean confirmed = false;
        Boolean restored = null;
        JsonNode after;
        try {
            out.accept("Phase 2: dual-write on");
            if (wasOn) {
                out.accept("  TEAM_VNEXT_DUAL_WRITE_ENABLED was already on");
            } else {
                flags.change(
                        Flag.DUAL_WRITE_ENABLED,
                        "true",
                        FlagSource.RUNTIME,
                        request.operator(),
                        "staging runbook " + runId);
                out.accept("  set TEAM_VNEXT_DUAL_WRITE_ENABLED=true (runtime, by " + request.operator() + ")");
            }
            awaitServiceFlag(client, true, out);
            confirmed = true;

            out.accept("Phase 3: test flows");
            try {
                flows.run("Staging Test Team " + runId);
                out.accept("Phase 5: latency sample");
                performance.addAll(flows.performance());
            } catch (RunbookFailedException e) {
                problems.add(e.getMessage());
                flowLines.add("\u274C " + e.getMessage());
                out.accept("  FAILED: " + e.getMessage());
            }

            out.accept("Phase 4: after report and delta");
            after = report(root.resolve("after"), "after", out);
        } finally {
            if (restoring) {
                out.accept("Phase 7: dual-write back off");
                flags.change(
                        Flag.DUAL_WRITE_ENABLED,
                        "false",
                        FlagSource.RUNTIME,
                        request.operator(),
                        "staging runbook " + runId + " finished");
                out.accept("  set TEAM_VNEXT_DUAL_WRITE_ENABLED=false (runtime, by " + request.operator() + ")");
                try {
                    awaitServiceFlag(client, false, out);
                    restored = true;
                } catch (RunbookFailedException e) {
                    restored = false;
                    out.accept("  WARNING: " + e.getMessage());
                }
            }
            logs.forEach(ArtifactWriter::write);
        }

        ReportDelta delta = ReportDelta.between(before, after);
        ShadowChecks.MapRow map = flows.teamId() == 0 ? null : checks.mapRow(flows.teamId());
        List<SuccessCriteria.Criterion> criteria = SuccessCriteria.evaluate(new SuccessCriteria.Evidence(
                confirmed,
                flows.completed(),
                problems.isEmpty() ? null : problems.get(0),
                flows.teamId() == 0 ? Map.of() : checks.outboxOf(flows.teamId()),
                map == null ? null : map.toString(),
                map != null && map.verified(),
                delta,
                after,
                flows.latency(),
                restored));
        List<String> criteriaFailures = SuccessCriteria.failures(criteria, !problems.isEmpty());
        problems.addAll(criteriaFailures);

        StagingSummaries.AutomatedRun run = new StagingSummaries.AutomatedRun(
                request.operator(), Duration.ofNanos(System.nanoTime() - startNanos), flowLines, problems, performance);
        StagingSummaries summaries = new StagingSummaries(
                before,
                after,
                delta,
                "automated run against " + request.baseUrl(),
                root.toString(),
                LocalDateTime.now(),
                run);
        Map<Path, String> files = summaries.files(root);
        files.put(root.resolve("SUCCESS_CRITERIA.md"), SuccessCriteria.markdown(criteria, runId));
        ArtifactWriter.write(files);
        files.keySet().forEach(file -> out.accept("  saved " + file));
        out.accept("Success criteria:");
        criteria.forEach(criterion -> out.accept("  " + criterion.status().label + "  " + criterion.text()));

        if (request.cleanup()) {
            String name = "Staging Test Team " + runId;
            TestDataCleanup.Result removed = cleanup.clean(List.of(name), true);
            out.accept("Cleanup: deleted " + removed.teamNames().size() + " test team(s) named '" + name + "'");
        }
        List<String> issues = summaries.issues();
        return new Result(issues.isEmpty(), issues, root, root.resolve("SUMMARY.md"));
    }

    private void preflight(RunbookRequest request, ServiceClient client, Consumer<String> out) {
        ServiceClient.Answer health = client.get("/health/");
        if (health.status() != 200) {
            throw new RunbookFailedException(
                    "the service at " + request.baseUrl() + " is not healthy: " + health.problem());
        }
        out.accept("  service healthy at " + request.baseUrl());
        if (flags.isOn(Flag.FORCE_LEGACY)
                || !flags.isOn(Flag.ADAPTER_ENABLED)
                || flags.routingMode() == RoutingMode.LEGACY_ONLY) {
            throw new RunbookFailedException("vNext writes are switched off (TEAM_VNEXT_FORCE_LEGACY="
                    + flags.value(Flag.FORCE_LEGACY) + ", TEAM_VNEXT_ADAPTER_ENABLED="
                    + flags.value(Flag.ADAPTER_ENABLED)
                    + ", TEAM_VNEXT_ROUTING_MODE=" + flags.value(Flag.ROUTING_MODE)
                    + "): the test flows would be refused");
        }
        if (flags.isOn(Flag.DUAL_WRITE_STRICT_MODE)) {
            throw new RunbookFailedException("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE is on; the runbook tests non-strict"
                    + " dual-write first (./deltacrown rollback disable-strict-mode --reason ...)");
        }
        out.accept("  flags: dual-write " + flags.value(Flag.DUAL_WRITE_ENABLED) + ", strict "
                + flags.value(Flag.DUAL_WRITE_STRICT_MODE) + ", legacy writes blocked "
                + flags.value(Flag.LEGACY_WRITE_BLOCKED));
        if (!client.metrics().contains(FLAG_SERIES)) {
            throw new RunbookFailedException("the service at " + request.baseUrl() + " does not publish " + FLAG_SERIES
                    + " on /actuator/prometheus, so the runbook cannot see when it applies the flag");
        }
        boolean memberExists = jdbc.sql("SELECT count(*) > 0 FROM accounts_user WHERE username = :name AND is_active")
                .param("name", request.member())
                .query(Boolean.class)
                .single();
        if (!memberExists) {
            throw new RunbookFailedException("no active user '" + request.member() + "' to add in Flow 2 (--member)");
        }
        List<String> owned = jdbc.sql("""
                SELECT t.slug FROM organizations_team t JOIN accounts_user u ON u.id = t.owner_id
                 WHERE u.username = :name AND t.game_id = :game AND t.status = 'ACTIVE' AND t.organization_id IS NULL
                """)
                .param("name", request.username())
                .param("game", request.gameId())
                .query(String.class)
                .list();
        if (!owned.isEmpty()) {
            throw new RunbookFailedException("'" + request.username() + "' already owns the active independent team '"
                    + owned.get(0) + "' for game " + request.gameId() + ", so Flow 1 would get 409; pass another"
                    + " --game-id or remove earlier test teams (./deltacrown cleanup_test_data --yes)");
        }
        client.authenticate(request.username(), request.password());
        out.accept("  logged in as " + request.username());
    }

    /** Polls the service's metrics until it applies the flag value (within a second normally). */
    private static void awaitServiceFlag(ServiceClient client, boolean on, Consumer<String> out) {
        String expected = FLAG_SERIES + " " + (on ? "1.0" : "0.0");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!client.metrics().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new RunbookFailedException("the service at " + client.base() + " did not apply "
                        + Flag.DUAL_WRITE_ENABLED.variable() + "=" + on + " within 15 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunbookFailedException("interrupted while waiting for the flag");
            }
        }
        out.accept("  the service applies " + Flag.DUAL_WRITE_ENABLED.variable() + "=" + on);
    }

    private JsonNode report(Path directory, String label, Consumer<String> out) {
        ValidationReport report = reports.generate(ReportRequest.unfiltered(REPORT_SAMPLE_SIZE));
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(directory.resolve("validation_" + label + ".json"), ReportJson.write(report));
        files.put(directory.resolve("validation_" + label + ".txt"), ReportText.render(report));
        ArtifactWriter.write(files);
        files.keySet().forEach(file -> out.accept("  saved " + file));
        return ReportJson.toTree(report);
    }

    private static void directories(Path root) {
        try {
            for (String sub : List.of("baseline", "after", "logs")) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact directory " + root, e);
        }
    }

    static String pretty(JsonNode body, String raw) {
        return body.isMissingNode()
                ? raw
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n";
    }
}
