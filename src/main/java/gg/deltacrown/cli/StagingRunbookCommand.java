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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code staging_runbook}: the whole staging dual-write runbook in one command, against a running
 * service (its URL) and its database (this process's {@code DATABASE_URL}, or the embedded one).
 */
@Command(name = "staging_runbook", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "The staging dual-write runbook (P5_T6_STAGING_DUAL_WRITE_TESTING.md) in one command: pre-flight,",
    "baseline report, dual-write on, the five test flows over HTTP with every legacy shadow checked in",
    "the database, a latency sample, the after report, delta.json/delta.md/SUMMARY.md, and dual-write",
    "back to what it was. Exit 0 on GO, 1 on NO-GO or when a step cannot be carried out.",
    "The password comes from --password or the RUNBOOK_PASSWORD environment variable."
})
final class StagingRunbookCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

    @Option(names = "--base-url", defaultValue = "http://localhost:8000",
            description = "The running service (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--username", defaultValue = "testuser", description = "Team owner for the flows (default: ${DEFAULT-VALUE})")
    String username;

    @Option(names = "--password", defaultValue = "${env:RUNBOOK_PASSWORD}",
            description = "Its password (default: $RUNBOOK_PASSWORD)")
    String password;

    @Option(names = "--member", defaultValue = "testmember",
            description = "User added, promoted and removed in Flows 2-5 (default: ${DEFAULT-VALUE})")
    String member;

    @Option(names = "--game-id", defaultValue = "1", description = "Game of the test team (default: ${DEFAULT-VALUE})")
    int gameId;

    @Option(names = "--region", defaultValue = "NA", description = "Region of the test team (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Artifact directory (default: artifacts/p5_t6/<YYYYmmdd_HHMMSS>, as the runbook's)")
    Path outDir;

    @Option(names = "--shadow-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a flow waits for its legacy shadow (default: ${DEFAULT-VALUE})")
    int shadowTimeoutSeconds;

    @Option(names = "--latency-samples", defaultValue = "20",
            description = "Requests in the Phase 5 latency sample, 0 to skip (default: ${DEFAULT-VALUE})")
    int latencySamples;

    @Option(names = "--leave-dual-write-on", description = "Keep dual-write on afterwards instead of restoring it")
    boolean leaveDualWriteOn;

    @Option(names = "--cleanup", description = "Delete the test team from vNext and legacy after the after-report")
    boolean cleanup;

    @Option(names = "--by", description = "Who, in the flag audit trail (default: cli:$USER)")
    String by;

    @Override
    public Integer call() {
        StagingRunbook.Request request = request();
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

    private StagingRunbook.Request request() {
        URI base;
        try {
            base = new URI(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (URISyntaxException e) {
            throw new CommandFailedException("--base-url is not a URL: " + baseUrl);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new CommandFailedException("--base-url must be an http(s) URL such as http://localhost:8000 (got '"
                    + baseUrl + "')");
        }
        if (password == null || password.isEmpty()) {
            throw new CommandFailedException("no password for '" + username + "': pass --password or set RUNBOOK_PASSWORD");
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
        return new StagingRunbook.Request(base, username, password, member, gameId, region, directory,
                Duration.ofSeconds(shadowTimeoutSeconds), latencySamples, leaveDualWriteOn, cleanup, who);
    }
}
