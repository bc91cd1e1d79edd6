package gg.deltacrown.cli;

import gg.deltacrown.runbook.RunbookFailedException;
import gg.deltacrown.runbook.RunbookRequest;
import gg.deltacrown.runbook.StagingRunbook;
import java.nio.file.Path;
import java.time.Duration;
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
            names = "--shadow-timeout",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "How long a flow waits for its legacy shadow (default: ${DEFAULT-VALUE})")
    int shadowTimeoutSeconds;

    @Option(
            names = "--latency-samples",
            defaultValue = "20",
            description = "Requests in the Phase 5 latency sample, 0 to skip (default: ${DEFAULT-VALUE})")
    int latencySamples;

    @Option(names = "--leave-dual-write-on", description = "Keep dual-write on afterwards instead of restoring it")
    boolean leaveDualWriteOn;

    @Option(names = "--cleanup", description = "Delete the test team from vNext and legacy after the after-report")
    boolean cleanup;

    @Option(names = "--by", description = "Who, in the flag audit trail (default: cli:$USER)")
    String by;

    /** Runs the runbook into {@code outDir} (default artifacts/p5_t6/<timestamp>); the exit code. */
    int run(Path outDir) {
        RunbookRequest request = request(outDir);
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            System.out.println("P5-T6 staging dual-write runbook, automated");
            System.out.println("Service: " + request.baseUrl() + "   Artifacts: " + request.outDir());
            StagingRunbook.Result result = service.bean(StagingRunbook.class).run(request, System.out::println);
            System.out.println();
            if (result.go()) {
                System.out.println("\u2705 GO - every flow's legacy shadow matched; see " + result.summary());
                return 0;
            }
            System.out.println("\u274C NO-GO - see " + result.summary());
            result.problems().forEach(problem -> System.out.println("  - " + problem));
            return FailureHandler.FAILURE;
        } catch (RunbookFailedException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    private RunbookRequest request(Path outDir) {
        try {
            return new RunbookRequest(
                    RunbookRequest.baseUrl(baseUrl),
                    username,
                    password,
                    member,
                    gameId,
                    region,
                    outDir,
                    Duration.ofSeconds(shadowTimeoutSeconds),
                    latencySamples,
                    leaveDualWriteOn,
                    cleanup,
                    by);
        } catch (RunbookFailedException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
