package gg.deltacrown.cli;

import gg.deltacrown.games.Games;
import gg.deltacrown.runbook.RunbookFailedException;
import gg.deltacrown.runbook.StagingRunbook;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of the automated staging runbook, shared by {@code staging_runbook} and
 * {@code staging_validation_test --automate} (picocli mixin), and the run itself.
 */
final class RunbookOptions {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

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
        StagingRunbook.Request request = request(outDir);
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            System.out.println("P5-T6 staging dual-write runbook, automated");
            System.out.println("Service: " + request.baseUrl() + "   Artifacts: " + request.outDir());
            StagingRunbook.Result result;
            try {
                result = service.bean(StagingRunbook.class).run(request, System.out::println);
            } catch (RunbookFailedException e) {
                throw new CommandFailedException(e.getMessage());
            }
            System.out.println();
            if (result.go()) {
                System.out.println("\u2705 GO - every flow's legacy shadow matched; see " + result.summary());
                return 0;
            }
            System.out.println("\u274C NO-GO - see " + result.summary());
            result.problems().forEach(problem -> System.out.println("  - " + problem));
            return FailureHandler.FAILURE;
        }
    }

    private StagingRunbook.Request request(Path outDir) {
        URI base;
        try {
            base = new URI(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (URISyntaxException e) {
            throw new CommandFailedException("--base-url is not a URL: " + baseUrl);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new CommandFailedException(
                    "--base-url must be an http(s) URL such as http://localhost:8000 (got '" + baseUrl + "')");
        }
        if (password == null || password.isEmpty()) {
            throw new CommandFailedException(
                    "no password for '" + username + "': pass --password or set RUNBOOK_PASSWORD");
        }
        if (Games.byId(gameId).isEmpty()) {
            throw new CommandFailedException("--game-id " + gameId + " is not a known game");
        }
        if (region.isBlank()) {
            throw new CommandFailedException("--region must not be empty");
        }
        if (shadowTimeoutSeconds <= 0) {
            throw new CommandFailedException("--shadow-timeout must be positive (got " + shadowTimeoutSeconds + ")");
        }
        if (latencySamples < 0) {
            throw new CommandFailedException("--latency-samples must not be negative (got " + latencySamples + ")");
        }
        Path directory = outDir != null ? outDir : Path.of("artifacts", "p5_t6", TIMESTAMP.format(LocalDateTime.now()));
        String who = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
        return new StagingRunbook.Request(
                base,
                username,
                password,
                member,
                gameId,
                region,
                directory,
                Duration.ofSeconds(shadowTimeoutSeconds),
                latencySamples,
                leaveDualWriteOn,
                cleanup,
                who);
    }
}
