package gg.deltacrown.validation;

import gg.deltacrown.legacy.ShadowSql;
import java.util.List;
import java.util.function.Function;

/**
 * The SQL of the full verification (docs/adr/0026-full-verification.md). Every row that takes part
 * (team, membership, ranking, on both sides) gets a 64-bit hash of its mapped values, keyed by its
 * pair's vNext team id: the vNext side hashes the values the shadow writer would write
 * ({@link ShadowSql} expected), the legacy side the values it finds (actual), reaching its vNext id
 * through the map. Hashes are XORed per chunk of {@value #CHUNK_TEAMS} vNext ids; only chunks whose
 * digest or row count differ are looked at team by team, and only teams that differ there reach the
 * writer's own planner.
 */
final class FullQueries {

    /** log2 of the vNext ids per chunk. */
    static final int CHUNK_BITS = 4;

    static final int CHUNK_TEAMS = 1 << CHUNK_BITS;

    private static final List<ShadowSql.Column> TEAM = ShadowSql.teamColumns("vt", "lt");
    private static final List<ShadowSql.Column> MEMBER = ShadowSql.memberColumns("v", "l");

    /** Rows of each side, tagged by what they are (1 membership, 2 team, 3 ranking), keyed by vNext team id. */
    private static final String LEGACY_ROWS = """
            SELECT m.vnext_team_id::bigint AS key, 1 AS part, %1$s AS h
              FROM teams_teammembership l JOIN organizations_migration_map m ON m.legacy_team_id = l.team_id
            UNION ALL
            SELECT m.vnext_team_id::bigint, 2, %2$s
              FROM teams_team lt JOIN organizations_migration_map m ON m.legacy_team_id = lt.id
            UNION ALL
            SELECT m.vnext_team_id::bigint, 3, %3$s
              FROM teams_ranking_breakdown b JOIN organizations_migration_map m ON m.legacy_team_id = b.team_id
            """;

    private static final String VNEXT_ROWS = """
            SELECT v.team_id AS key, 1 AS part, %1$s AS h FROM organizations_membership v %4$s
            UNION ALL
            SELECT vt.id, 2, %2$s FROM organizations_team vt %5$s
            UNION ALL
            SELECT r.team_id, 3, %3$s FROM organizations_ranking r %6$s
            """;

    /**
     * Chunk digests of both sides, the chunks that differ, then one row of totals (chunk -1): rows
     * compared per side and part.
     */
    static final String CHUNKS = """
            WITH legacy AS (
                SELECT key >> %1$d AS chunk, bit_xor(h) AS digest, count(*) AS n,
                       count(*) FILTER (WHERE part = 1) AS memberships, count(*) FILTER (WHERE part = 2) AS teams
                  FROM (%2$s) rows GROUP BY 1),
            vnext AS (
                SELECT key >> %1$d AS chunk, bit_xor(h) AS digest, count(*) AS n,
                       count(*) FILTER (WHERE part = 1) AS memberships, count(*) FILTER (WHERE part = 2) AS teams
                  FROM (%3$s) rows GROUP BY 1)
            SELECT coalesce(l.chunk, v.chunk) AS chunk, 0::bigint AS legacy_memberships, 0::bigint AS legacy_teams,
                   0::bigint AS vnext_memberships, 0::bigint AS vnext_teams
              FROM legacy l FULL JOIN vnext v ON v.chunk = l.chunk
             WHERE l.digest IS DISTINCT FROM v.digest OR l.n IS DISTINCT FROM v.n
            UNION ALL
            SELECT -1, (SELECT coalesce(sum(memberships), 0) FROM legacy), (SELECT coalesce(sum(teams), 0) FROM legacy),
                   (SELECT coalesce(sum(memberships), 0) FROM vnext), (SELECT coalesce(sum(teams), 0) FROM vnext)
            """.formatted(CHUNK_BITS, legacyRows(), vnextRows("", "", ""));

    /**
     * The vNext ids of map rows whose legacy team has no ACTIVE OWNER but ACTIVE members: Django's
     * owner promotion is missing, which the chunk digests cannot see (they hash what rows say, not
     * what is absent). They are drilled as they are, without a per-chunk look.
     */
    static final String WITHOUT_OWNER = """
            SELECT DISTINCT m.vnext_team_id::bigint AS vnext_team_id
              FROM organizations_migration_map m
             WHERE NOT EXISTS (SELECT 1 FROM teams_teammembership o
                                WHERE o.team_id = m.legacy_team_id AND o.role = 'OWNER' AND o.status = 'ACTIVE')
               AND EXISTS (SELECT 1 FROM teams_teammembership a WHERE a.team_id = m.legacy_team_id AND a.status = 'ACTIVE')
            """;

    /**
     * The legacy rows of the pairs of some chunks, each reached through its team's index: a lateral
     * subquery with OFFSET 0 is not flattened into a join, so the planner cannot pick a merge join
     * that reads the legacy index from its first entry (which made every statement slower than the
     * one before: 0.7 s for the first 2,048 chunks of a million teams, 1.5 s for the last).
     */
    private static final String LEGACY_PAIR_ROWS = """
            SELECT p.vnext_id AS key, 1 AS part, x.h
              FROM pairs p
             CROSS JOIN LATERAL (SELECT %1$s AS h FROM teams_teammembership l WHERE l.team_id = p.legacy_id OFFSET 0) x
            UNION ALL
            SELECT p.vnext_id, 2, x.h
              FROM pairs p CROSS JOIN LATERAL (SELECT %2$s AS h FROM teams_team lt WHERE lt.id = p.legacy_id OFFSET 0) x
            UNION ALL
            SELECT p.vnext_id, 3, x.h
              FROM pairs p
             CROSS JOIN LATERAL (SELECT %3$s AS h FROM teams_ranking_breakdown b WHERE b.team_id = p.legacy_id OFFSET 0) x
            """;

    /** The vNext ids, in the given chunks, whose team digest or row count differ. */
    static final String TEAMS = """
            WITH chunks AS (SELECT unnest(CAST(:chunks AS bigint[])) AS chunk),
            pairs AS MATERIALIZED (
                SELECT m.vnext_team_id::bigint AS vnext_id, m.legacy_team_id AS legacy_id
                  FROM chunks c
                 CROSS JOIN LATERAL (SELECT vnext_team_id, legacy_team_id FROM organizations_migration_map
                                      WHERE vnext_team_id >= c.chunk << %3$d AND vnext_team_id < (c.chunk + 1) << %3$d
                                     OFFSET 0) m),
            legacy AS (SELECT key, bit_xor(h) AS digest, count(*) AS n FROM (%1$s) rows GROUP BY key),
            vnext AS (SELECT key, bit_xor(h) AS digest, count(*) AS n FROM (%2$s) rows GROUP BY key)
            SELECT coalesce(l.key, v.key) AS vnext_team_id
              FROM legacy l FULL JOIN vnext v ON v.key = l.key
             WHERE l.digest IS DISTINCT FROM v.digest OR l.n IS DISTINCT FROM v.n
            """.formatted(
                    LEGACY_PAIR_ROWS.formatted(
                            hash("p.vnext_id", 1, MEMBER, ShadowSql.Column::actual),
                            hash("p.vnext_id", 2, TEAM, ShadowSql.Column::actual),
                            "hashint8extended(p.vnext_id, 3)"),
                    vnextRows(inChunks("v.team_id"), inChunks("vt.id"), inChunks("r.team_id")),
                    CHUNK_BITS);

    /**
     * The per-team statement reaches its rows through the team id indexes; the planner, which cannot
     * estimate the chunk ranges, would otherwise scan each whole table per statement (100 s instead
     * of 7 s for 2,048 chunks at a million teams). Local to the transaction, undone after.
     */
    static final String INDEXES_ONLY = """
            SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true)""";

    static final String PLANNER_DEFAULTS = """
            SELECT set_config('enable_seqscan', :seqscan, true), set_config('enable_hashjoin', :hashjoin, true)""";

    static final String PLANNER_SETTINGS =
            "SELECT current_setting('enable_seqscan') AS seqscan, current_setting('enable_hashjoin') AS hashjoin";

    /** The map rows of drilled vNext ids (for pairs whose vNext team is gone). */
    static final String MAP_ROWS = """
            SELECT vnext_team_id::bigint AS vnext_team_id, legacy_team_id::bigint AS legacy_team_id,
                   EXISTS (SELECT 1 FROM teams_team lt WHERE lt.id = m.legacy_team_id) AS legacy_exists
              FROM organizations_migration_map m
             WHERE vnext_team_id = ANY(CAST(:ids AS integer[]))
            """;

    /** Ranking rows on each side, for drilled pairs. */
    static final String RANKINGS = """
            SELECT m.vnext_team_id::bigint AS vnext_team_id,
                   EXISTS (SELECT 1 FROM organizations_ranking r WHERE r.team_id = m.vnext_team_id) AS vnext_ranking,
                   EXISTS (SELECT 1 FROM teams_ranking_breakdown b WHERE b.team_id = m.legacy_team_id) AS legacy_ranking
              FROM organizations_migration_map m
             WHERE vnext_team_id = ANY(CAST(:ids AS integer[]))
            """;

    private FullQueries() {}

    private static String legacyRows() {
        return LEGACY_ROWS.formatted(
                hash("m.vnext_team_id::bigint", 1, MEMBER, ShadowSql.Column::actual),
                hash("m.vnext_team_id::bigint", 2, TEAM, ShadowSql.Column::actual),
                "hashint8extended(m.vnext_team_id::bigint, 3)");
    }

    private static String vnextRows(String memberJoin, String teamJoin, String rankingJoin) {
        return VNEXT_ROWS.formatted(
                hash("v.team_id", 1, MEMBER, ShadowSql.Column::expected),
                hash("vt.id", 2, TEAM, ShadowSql.Column::expected),
                "hashint8extended(r.team_id, 3)",
                memberJoin,
                teamJoin,
                rankingJoin);
    }

    private static String inChunks(String id) {
        return "JOIN chunks c ON %1$s >= c.chunk << %2$d AND %1$s < (c.chunk + 1) << %2$d".formatted(id, CHUNK_BITS);
    }

    /**
     * A chained hash of the columns, seeded by the pair key and the part: each column's hash is the
     * seed of the next, so values cannot trade places between columns or rows without changing it
     * (an XOR of per-column hashes could). Every column appears once, so the expression stays linear
     * in size. NULL hashes differently from every value.
     */
    static String hash(String key, int part, List<ShadowSql.Column> columns, Function<ShadowSql.Column, String> side) {
        String hash = "hashint8extended(" + key + ", " + part + ")";
        for (ShadowSql.Column column : columns) {
            String value = side.apply(column);
            hash = switch (column.type()) {
                case TEXT -> "hashtextextended(coalesce((" + value + ")::text, E'\\\\N'), " + hash + ")";
                case BOOLEAN -> "hashint8extended(coalesce((" + value + ")::int, 2), " + hash + ")";
                case BIGINT -> "hashint8extended(coalesce(" + value + ", -1), " + hash + ")";
                case TIMESTAMP ->
                    "hashint8extended(coalesce((extract(epoch FROM " + value
                            + ") * 1000000)::bigint, -9223372036854775807), " + hash + ")";
            };
        }
        return hash;
    }
}
