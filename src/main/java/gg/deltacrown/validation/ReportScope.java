package gg.deltacrown.validation;

import java.util.HashMap;
import java.util.Map;

/**
 * How the report's filters apply, the same way in every query: a legacy team matches when its
 * {@code game} is the filter game's legacy slug and its {@code region} the filter region; a vNext
 * team when its {@code game_id} and {@code region} match; a map row is in scope when either of its
 * teams matches (team status plays no part in the scope). Without filters everything is in scope.
 * The fragments expect the aliases {@code lt} (legacy team), {@code vt} (vNext team) and {@code m}
 * (map row) and the named parameters of {@link #parameters}.
 */
final class ReportScope {

    static final String LEGACY_MATCHES = """
            (NOT :gameFiltered OR lt.game = CAST(:legacyGame AS text))
            AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))""";

    static final String VNEXT_MATCHES = """
            (NOT :gameFiltered OR vt.game_id = CAST(:gameId AS integer))
            AND (CAST(:region AS text) IS NULL OR vt.region = CAST(:region AS text))""";

    static final String MAP_IN_SCOPE = """
            (NOT :filtered
             OR m.vnext_team_id IN (SELECT vt.id FROM organizations_team vt WHERE %s)
             OR m.legacy_team_id IN (SELECT lt.id FROM teams_team lt WHERE %s))""".formatted(VNEXT_MATCHES, LEGACY_MATCHES);

    private ReportScope() {}

    static Map<String, Object> parameters(ReportRequest request) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("filtered", request.filtered());
        parameters.put("gameFiltered", request.gameFiltered());
        parameters.put("gameId", request.gameId());
        parameters.put("legacyGame", request.legacyGame());
        parameters.put("region", request.region());
        parameters.put("sampleSize", request.sampleSize());
        return parameters;
    }
}
