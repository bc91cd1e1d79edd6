package gg.deltacrown.cli;

import gg.deltacrown.runbook.LogSource;
import gg.deltacrown.runbook.RunbookFailedException;
import gg.deltacrown.runbook.RunbookRequest;
import gg.deltacrown.runbook.StagingRunbook;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Option;

/**
 * The options of the automated staging runbook, shared by {@code staging_runbook} and
 * {@code staging_validation_test --automate} (picocli mixin): parsed into a {@link RunbookRequest},
 * run by the {@code runbook} module, its outcome printed.
 */
final class RunbookOptions {

    @Option(
            names = "--base-url",
            defaultValue = "http://localhost:8000",
            description = "The running service (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(
            names = "--username",
            defaultValue = "testuser",
            description = "Team owner for the flows (default: ${DEFAULT-VALUE})")
    String username;

    @Option(
            names = "--password",
            defaultValue = "${env:RUNBOOK_PASSWORD}",
            description = "Its password (default: $RUNBOOK_PASSWORD)")
    String password;

    @Option(
            names = "--member",
            defaultValue = "testmember",
            description = "User added, promoted and removed in Flows 2-5 (default: ${DEFAULT-VALUE})")
    String member;

    @Option(names = "--game-id", defaultValue = "1", description = "Game of the test team (default: ${DEFAULT-VALUE})")
    int gameId;

    @Option(
            names = "--region",
            defaultValue = "NA",
            description = "Region of the test team (default: ${DEFAULT-VALUE})")
    String region;

    @Option(
            names = "--instance",
            paramLabel = "URL",
            description = "An instance behind --base-url whose metrics show when it applies a flag"
                    + " (repeatable; default: --base-url)")
    List<String> instances = new ArrayList<>();

    @Option(
            names = "--shadow-timeout",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "How long a flow waits for its legacy shadow (default: ${DEFAULT-VALUE})")
    int shadowTimeoutSeconds;

    @Option(
            names = "--latency-samples",
            defaultValue = "20",
            description = "Team creations per side (dual-write off, on) in Phase 5.1; 0 opts out"
                    + " (default: ${DEFAULT-VALUE})")
    int latencySamples;

    @Option(
            names = "--latency-max-avg-ms",
            defaultValue = "200",
            description = "Phase 5.1 limit on the average (default: ${DEFAULT-VALUE}, the runbook's)")
    long maxAverageMillis;

    @Option(
            names = "--latency-max-p95-ms",
            defaultValue = "500",
            description = "Phase 5.1 limit on the p95 (default: ${DEFAULT-VALUE}, the runbook's)")
    long maxP95Millis;

    @Option(
            names = "--latency-max-increase-pct",
            defaultValue = "10",
            description =
                    "Phase 5.1 limit on the increase with dual-write on (default: ${DEFAULT-VALUE}, the runbook's)")
    int maxIncreasePercent;

    @Option(
            names = "--owner-url",
            defaultValue = "${env:DATABASE_OWNER_URL}",
            description = "Database owner for the failure simulations' revoke (default: $DATABASE_OWNER_URL,"
                    + " else this command's own DATABASE_URL)")
    String ownerUrl;

    @Option(names = "--log-file", paramLabel = "PATH", description = "The service's log file, for the runbook's greps")
    Path logFile;

    @Option(
            names = "--kubectl-logs",
            description = "Read the logs of every app=deltacrown-web pod with kubectl (namespace: --namespace)")
    boolean kubectlLogs;

    @Option(names = "--skip-strict-smoke", description = "Opt out of Phase 2.3 (strict-mode smoke test)")
    boolean skipStrictSmoke;

    @Option(names = "--skip-failure-simulation", description = "Opt out of Phase 6 (failure simulation)")
    boolean skipFailureSimulation;

    @Option(names = "--leave-dual-write-on", description = "Keep dual-write on afterwards instead of restoring it")
    boolean leaveDualWriteOn;

    @Option(
            names = "--cleanup",
            description = "Delete the run's test teams from vNext and legacy in Phase 7 (else a dry run of it)")
    boolean cleanup;

    @Option(
            names = "--tracker",
            paramLabel = "FILE",
            description = "Append the Phase 8 tracker block to this file (it is always in TRACKER_UPDATE.md)")
    Path tracker;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "json: progress on stderr, the JSON summary on stdout (for CI)")
    String format;

    @Option(names = "--by", description = "Who, in the flag audit trail (default: cli:$USER)")
    String by;

    /**
     * Runs the runbook into {@code outDir} (default artifacts/p5_t6/<timestamp>) with the logs
     * and namespace of the calling command; the exit code.
     */
    int run(Path outDir, String namespace, Path composeFile) {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandFailedException("--format must be text or json (got '" + format + "')");
        }
        RunbookRequest request = request(outDir, namespace, composeFile);
        PrintStream progress = format.equals("json") ? System.err : System.out;
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            if (request.ownerUrl() == null && System.getenv("DATABASE_URL") == null) {
                // The embedded database: its owner is known here, as the grants command knows it.
                request = request.withOwnerUrl(embeddedOwnerUrl(service.bean(Environment.class)));
            }
            progress.println("P5-T6 staging dual-write runbook, automated");
            progress.println("Service: " + request.baseUrl() + "   Artifacts: " + request.outDir());
            StagingRunbook.Result result = service.bean(StagingRunbook.class).run(request, progress::println);
            progress.println();
            if (result.go()) {
                progress.println("\u2705 GO - every success criterion passed; see " + result.summary());
            } else {
                progress.println("\u274C NO-GO - see " + result.summary());
                result.problems().forEach(problem -> progress.println("  - " + problem));
            }
            if (format.equals("json")) {
                System.out.print(result.json());
            }
            return result.go() ? 0 : FailureHandler.FAILURE;
        } catch (RunbookFailedException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    private static String embeddedOwnerUrl(Environment environment) {
        String url = environment.getProperty("spring.flyway.url");
        if (url == null) {
            return null;
        }
        String user = environment.getProperty("spring.flyway.user", "");
        String password = environment.getProperty("spring.flyway.password", "");
        return url + (url.contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private RunbookRequest request(Path outDir, String namespace, Path composeFile) {
        try {
            List<URI> instanceUrls = new ArrayList<>();
            for (String instance : instances) {
                instanceUrls.add(RunbookRequest.baseUrl(instance, "--instance"));
            }
            return new RunbookRequest(
                    RunbookRequest.baseUrl(baseUrl, "--base-url"),
                    instanceUrls,
                    username,
                    password,
                    member,
                    gameId,
                    region,
                    outDir,
                    Duration.ofSeconds(shadowTimeoutSeconds),
                    new RunbookRequest.LatencyBudget(
                            latencySamples, maxAverageMillis, maxP95Millis, maxIncreasePercent),
                    ownerUrl,
                    LogSource.of(logFile, kubectlLogs, namespace, composeFile),
                    !skipStrictSmoke,
                    !skipFailureSimulation,
                    leaveDualWriteOn,
                    cleanup,
                    by,
                    tracker);
        } catch (RunbookFailedException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
