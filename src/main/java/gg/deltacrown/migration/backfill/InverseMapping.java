package gg.deltacrown.migration.backfill;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.LegacyMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Legacy values to vNext values: the inverse of the shadow writer's mapping ({@link LegacyMapping},
 * {@link Games}), so that the shadow of a backfilled team is the legacy row it came from. Where the
 * forward mapping is not one-to-one the inverse takes the first vNext value that maps back (legacy
 * {@code ANALYST} becomes vNext {@code ANALYST}, not {@code SCOUT}). Legacy roles no vNext role maps
 * to get the nearest vNext role and make the pair differ until the shadow writer has written it
 * (docs/adr/0024-backfill-and-repair.md).
 */
final class InverseMapping {

    /** Legacy roles with a vNext role that maps back to them, derived from the forward mapping. */
    static final Map<String, String> EXACT_ROLES = invert(LegacyMapping.ROLES);

    /** Legacy statuses to vNext statuses, derived from the forward mapping. */
    static final Map<String, String> STATUSES = invert(LegacyMapping.STATUSES);

    /**
     * The legacy roles no vNext role maps to (spec: teams_teammembership roles). None of them is
     * made a vNext OWNER; only the legacy manager roles become MANAGER (the vNext role that may
     * change the roster), staff roles without team rights become ANALYST.
     */
    static final Map<String, String> NEAREST_ROLES = ordered(
            "GENERAL_MANAGER", "MANAGER",
            "TEAM_MANAGER", "MANAGER",
            "COACH", "COACH",
            "ASSISTANT_COACH", "COACH",
            "PERFORMANCE_COACH", "COACH",
            "STRATEGIST", "ANALYST",
            "DATA_ANALYST", "ANALYST",
            "CONTENT_CREATOR", "ANALYST",
            "SOCIAL_MEDIA_MANAGER", "ANALYST",
            "COMMUNITY_MANAGER", "ANALYST",
            "CAPTAIN", "PLAYER",
            "SUB", "SUBSTITUTE");

    /** Any other legacy role: Django's default role. */
    static final String DEFAULT_ROLE = "PLAYER";

    /** Any other legacy status: a membership that is not current. */
    static final String DEFAULT_STATUS = "INACTIVE";

    /** The vNext game of a legacy game the registry does not know: no game (its legacy slug is {@code ''}). */
    static final int NO_GAME = 0;

    private InverseMapping() {}

    static String role(String legacyRole) {
        String exact = EXACT_ROLES.get(legacyRole);
        return exact != null ? exact : NEAREST_ROLES.getOrDefault(legacyRole, DEFAULT_ROLE);
    }

    static String status(String legacyStatus) {
        return STATUSES.getOrDefault(legacyStatus, DEFAULT_STATUS);
    }

    static int gameId(String legacyGame) {
        return Games.byLegacySlug(legacyGame).map(Game::id).orElse(NO_GAME);
    }

    /** {@link #role} as SQL over a legacy role column. */
    static String roleSql(String column) {
        Map<String, String> all = new LinkedHashMap<>(NEAREST_ROLES);
        all.putAll(EXACT_ROLES);
        return caseOf(column, all, "'" + DEFAULT_ROLE + "'");
    }

    /** {@link #status} as SQL over a legacy status column. */
    static String statusSql(String column) {
        return caseOf(column, STATUSES, "'" + DEFAULT_STATUS + "'");
    }

    /** {@link #gameId} as SQL over a legacy game column. */
    static String gameIdSql(String column) {
        return Games.all().stream()
                .map(game -> "WHEN '" + game.legacySlug() + "' THEN " + game.id())
                .collect(Collectors.joining(" ", "CASE " + column + " ", " ELSE " + NO_GAME + " END"));
    }

    private static String caseOf(String column, Map<String, String> mapping, String otherwise) {
        return mapping.entrySet().stream()
                .map(entry -> "WHEN '" + entry.getKey() + "' THEN '" + entry.getValue() + "'")
                .collect(Collectors.joining(" ", "CASE " + column + " ", " ELSE " + otherwise + " END"));
    }

    /** The first key of every value becomes the value's inverse. */
    private static Map<String, String> invert(Map<String, String> forward) {
        Map<String, String> inverse = new LinkedHashMap<>();
        forward.forEach((vnext, legacy) -> inverse.putIfAbsent(legacy, vnext));
        return Collections.unmodifiableMap(inverse);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
