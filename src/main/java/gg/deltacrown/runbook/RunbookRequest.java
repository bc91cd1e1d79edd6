package gg.deltacrown.runbook;

import gg.deltacrown.games.Games;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the automated staging runbook is asked to do, checked before anything runs: a bad value
 * throws {@link RunbookFailedException} naming the option.
 *
 * @param instances every instance behind {@code baseUrl}, whose metrics show when it applies a flag
 *     (empty: {@code baseUrl} alone)
 * @param member the user Flows 2-5 add, promote and remove
 * @param outDir the artifact tree (null: {@code artifacts/p5_t6/<YYYYmmdd_HHMMSS>}, as the runbook's)
 * @param ownerUrl the database owner, for the failure simulation's revoke (null: this process's own connection)
 * @param logs where the service's logs are, for the runbook's greps
 * @param strictSmoke run Phase 2.3 (off: {@code --skip-strict-smoke})
 * @param failureSimulation run Phase 6 (off: {@code --skip-failure-simulation})
 * @param leaveDualWriteOn keep dual-write on afterwards (the next runbook step) instead of restoring it
 * @param cleanup delete the run's test teams from vNext and legacy in Phase 7 (without it: a dry run)
 * @param operator who changes the flags (flag audit trail)
 * @param tracker a tracker file the Phase 8 block is appended to (null: only TRACKER_UPDATE.md)
 */
public record RunbookRequest(
        URI baseUrl,
        List<URI> instances,
        String username,
        String password,
        String member,
        int gameId,
        String region,
        Path outDir,
        Duration shadowTimeout,
        LatencyBudget latency,
        String ownerUrl,
        LogSource logs,
        boolean strictSmoke,
        boolean failureSimulation,
        boolean leaveDualWriteOn,
        boolean cleanup,
        String operator,
        Path tracker) {

    /** The same request with the database owner given (the embedded database's, found by the command). */
    public RunbookRequest withOwnerUrl(String owner) {
        return new RunbookRequest(
                baseUrl,
                instances,
                username,
                password,
                member,
                gameId,
                region,
                outDir,
                shadowTimeout,
                latency,
                owner,
                logs,
                strictSmoke,
                failureSimulation,
                leaveDualWriteOn,
                cleanup,
                operator,
                tracker);
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

    /**
     * Phase 5.1: creates per side (dual-write off and on; 0 skips the phase) and the runbook's
     * thresholds (average &lt; 200 ms, p95 &lt; 500 ms, &lt; 10 % increase with dual-write on).
     */
    public record LatencyBudget(int samples, long maxAverageMillis, long maxP95Millis, int maxIncreasePercent) {

        public static final LatencyBudget RUNBOOK = new LatencyBudget(20, 200, 500, 10);

        public LatencyBudget {
            if (samples < 0) {
                throw new RunbookFailedException("--latency-samples must not be negative (got " + samples + ")");
            }
            if (maxAverageMillis <= 0 || maxP95Millis <= 0 || maxIncreasePercent < 0) {
                throw new RunbookFailedException("the latency thresholds must be positive");
            }
        }

        boolean isRunbooks() {
            return maxAverageMillis == RUNBOOK.maxAverageMillis
                    && maxP95Millis == RUNBOOK.maxP95Millis
                    && maxIncreasePercent == RUNBOOK.maxIncreasePercent;
        }
    }

    public RunbookRequest {
        if (password == null || password.isEmpty()) {
            throw new RunbookFailedException(
                    "no password for '" + username + "': pass --password or set RUNBOOK_PASSWORD");
        }
        if (Games.byId(gameId).isEmpty()) {
            throw new RunbookFailedException("--game-id " + gameId + " is not a known game");
        }
        if (region == null || region.isBlank()) {
            throw new RunbookFailedException("--region must not be empty");
        }
        if (shadowTimeout.isNegative() || shadowTimeout.isZero()) {
            throw new RunbookFailedException(
                    "--shadow-timeout must be positive (got " + shadowTimeout.toSeconds() + ")");
        }
        instances = instances == null || instances.isEmpty() ? List.of(baseUrl) : List.copyOf(instances);
        if (outDir == null) {
            outDir = Path.of("artifacts", "p5_t6", TIMESTAMP.format(LocalDateTime.now()));
        }
        if (ownerUrl != null && ownerUrl.isBlank()) {
            ownerUrl = null;
        }
        if (logs == null) {
            logs = LogSource.NONE;
        }
        if (operator == null || operator.isBlank()) {
            operator = "cli:" + System.getProperty("user.name", "unknown");
        }
    }

    /** The service's base URL as an operator types it ({@code http://host:8000/} or without the slash). */
    public static URI baseUrl(String text, String option) {
        URI base;
        try {
            base = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new RunbookFailedException(option + " is not a URL: " + text);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new RunbookFailedException(
                    option + " must be an http(s) URL such as http://localhost:8000 (got '" + text + "')");
        }
        return base;
    }
}
