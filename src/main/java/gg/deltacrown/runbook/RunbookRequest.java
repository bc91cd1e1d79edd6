package gg.deltacrown.runbook;

import gg.deltacrown.games.Games;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the automated staging runbook is asked to do, checked before anything runs: a bad value
 * throws {@link RunbookFailedException} naming the option.
 *
 * @param member the user Flows 2-5 add, promote and remove
 * @param outDir the artifact tree (null: {@code artifacts/p5_t6/<YYYYmmdd_HHMMSS>}, as the runbook's)
 * @param leaveDualWriteOn keep dual-write on afterwards (the next runbook step) instead of restoring it
 * @param cleanup delete the run's test teams from vNext and legacy at the end
 * @param operator who changes the flags (flag audit trail)
 */
public record RunbookRequest(
        URI baseUrl,
        String username,
        String password,
        String member,
        int gameId,
        String region,
        Path outDir,
        Duration shadowTimeout,
        int latencySamples,
        boolean leaveDualWriteOn,
        boolean cleanup,
        String operator) {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

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
        if (latencySamples < 0) {
            throw new RunbookFailedException("--latency-samples must not be negative (got " + latencySamples + ")");
        }
        if (outDir == null) {
            outDir = Path.of("artifacts", "p5_t6", TIMESTAMP.format(LocalDateTime.now()));
        }
        if (operator == null || operator.isBlank()) {
            operator = "cli:" + System.getProperty("user.name", "unknown");
        }
    }

    /** The service's base URL as an operator types it ({@code http://host:8000/} or without the slash). */
    public static URI baseUrl(String text) {
        URI base;
        try {
            base = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new RunbookFailedException("--base-url is not a URL: " + text);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new RunbookFailedException(
                    "--base-url must be an http(s) URL such as http://localhost:8000 (got '" + text + "')");
        }
        return base;
    }
}
