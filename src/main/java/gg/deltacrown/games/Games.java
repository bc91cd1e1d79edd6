package gg.deltacrown.games;

import java.util.List;
import java.util.Optional;

/**
 * The one game registry (docs/adr/0004): vNext {@code game_id} to the legacy game slug. The original
 * hard-coded ids 1 to 4 in three places and used {@code csgo} where the legacy registry says
 * {@code cs2}; ids 5 to 9 cover the rest of the legacy registry. An unknown id has no legacy slug
 * (the legacy column gets {@code ''}), as in the original. See docs/adr/0004-game-registry.md.
 */
public final class Games {

    private static final List<Game> ALL = List.of(
            new Game(1, "valorant", "Valorant"),
            new Game(2, "cs2", "Counter-Strike 2"),
            new Game(3, "dota2", "Dota 2"),
            new Game(4, "pubg", "PUBG"),
            new Game(5, "mlbb", "Mobile Legends: Bang Bang"),
            new Game(6, "freefire", "Free Fire"),
            new Game(7, "efootball", "eFootball"),
            new Game(8, "fc26", "EA SPORTS FC 26"),
            new Game(9, "codm", "Call of Duty: Mobile"));

    private Games() {}

    public static List<Game> all() {
        return ALL;
    }

    public static Optional<Game> byId(int id) {
        return ALL.stream().filter(game -> game.id() == id).findFirst();
    }

    public static Optional<Game> byLegacySlug(String slug) {
        return ALL.stream().filter(game -> game.legacySlug().equals(slug)).findFirst();
    }

    /** The legacy {@code teams_team.game} value for a vNext game id ({@code ''} when unknown). */
    public static String legacySlugOf(int gameId) {
        return byId(gameId).map(Game::legacySlug).orElse("");
    }
}
