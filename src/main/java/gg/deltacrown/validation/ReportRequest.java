package gg.deltacrown.validation;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report is asked for: the consistency sample size and the optional filters. A filter that
 * is given always filters, {@code game_id = 0} included (the original ignored 0), and a game id
 * the registry does not know matches no legacy team (the original silently dropped the legacy
 * side of the filter).
 */
public record ReportRequest(int sampleSize, Integer gameId, String region) {

    public static final int DEFAULT_SAMPLE_SIZE = 50;

    public static ReportRequest unfiltered(int sampleSize) {
        return new ReportRequest(sampleSize, null, null);
    }

    /** Something wrong with one parameter; {@code parameter} is the report's JSON name for it. */
    public record Problem(String parameter, String message) {

        /** As the command line says it: {@code --sample-size must be …}. */
        public String asOption() {
            return "--" + parameter.replace('_', '-') + " " + message;
        }

        /** As the HTTP API says it: {@code sample_size must be …}. */
        public String asParameter() {
            return parameter + " " + message;
        }
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (sampleSize < 0) {
            problems.add(new Problem("sample_size", "must be 0 or more (got " + sampleSize + ")"));
        }
        if (region != null && region.isBlank()) {
            problems.add(new Problem("region", "must not be blank (leave it out for every region)"));
        }
        if (region != null && region.length() > 50) {
            problems.add(new Problem("region", "is at most 50 characters"));
        }
        return problems;
    }

    public boolean filtered() {
        return gameId != null || region != null;
    }

    boolean gameFiltered() {
        return gameId != null;
    }

    /** The legacy {@code teams_team.game} the game filter means; null (matches nothing) for an unknown id. */
    String legacyGame() {
        return gameId == null ? null : Games.byId(gameId).map(Game::legacySlug).orElse(null);
    }
}
