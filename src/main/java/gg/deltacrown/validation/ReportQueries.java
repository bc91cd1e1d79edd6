package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.MissingShadow;
import gg.deltacrown.validation.ValidationReport.OrphanMapping;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The queries of the coverage, mapping health, consistency and dual-write health sections, all
 * set-based: a fixed number of statements whatever the sample size or the data, each aggregating
 * in PostgreSQL and returning at most a bounded list or streaming a bounded sample. Filters apply
 * as {@link ReportScope} says; {@link ShadowQueries} has the rest of the report's queries.
 */
final class ReportQueries {

    /** Longest list a report section carries (duplicate ids, orphans); the counts stay complete. */
    static final int LIST_LIMIT = 1000;

    private static final String TEAM_COUNTS = """
            SELECT (SELECT count(*) FROM teams_team lt WHERE lt.is_active AND %s) AS legacy_team_count,
                   (SELECT count(*) FROM organizations_team vt WHERE vt.status = 'ACTIVE' AND %s) AS vnext_team_count
            """.formatted(ReportScope.LEGACY_MATCHES, ReportScope.VNEXT_MATCHES);

    /**
     * One pass over the in-scope map rows and their two teams gives the map counts of the coverage
     * and mapping health sections and the orphans (the first {@link #LIST_LIMIT} of each kind, by
     * map row id, as aligned arrays; the counts are complete).
     */
    private static final String MAP_PASS = """
            SELECT count(*) AS mappings,
                   count(*) FILTER (WHERE NOT m.verified) AS unverified,
                   count(*) FILTER (WHERE lt.is_active AND %1$s) AS with_active_legacy,
                   count(*) FILTER (WHERE lt.id IS NULL) AS missing_legacy,
                   count(*) FILTER (WHERE vt.id IS NULL) AS missing_vnext,
                   count(*) FILTER (WHERE lt.id IS NULL OR vt.id IS NULL) AS rows_with_missing_team,
                   %3$s,
                   %4$s
              FROM organizations_migration_map m
              LEFT JOIN teams_team lt ON lt.id = m.legacy_team_id
              LEFT JOIN organizations_team vt ON vt.id = m.vnext_team_id
             WHERE NOT :filtered OR (vt.id IS NOT NULL AND %2$s) OR (lt.id IS NOT NULL AND %1$s)
            """.formatted(
                    ReportScope.LEGACY_MATCHES,
                    ReportScope.VNEXT_MATCHES,
                    orphanArrays("missing_legacy", "lt.id IS NULL"),
                    orphanArrays("missing_vnext", "vt.id IS NULL"));

    private static String orphanArrays(String prefix, String condition) {
        return Stream.of("m.id", "m.legacy_team_id", "m.vnext_team_id")
                .map(column -> "(array_agg(%s ORDER BY m.id) FILTER (WHERE %s))[1 : %d]::bigint[] AS %s_%s"
                        .formatted(column, condition, LIST_LIMIT, prefix, column.substring(2)))
                .collect(Collectors.joining(",\n       "));
    }

    /**
     * Impossible while a valid unique index covers the column (the original's UNIQUE constraints),
     * so the scan is skipped then; on a database without them the check still runs.
     */
    private static final String DUPLICATES = """
            WITH unique_columns AS (
                SELECT a.attname
                  FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = 'organizations_migration_map'::regclass
                   AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indnkeyatts = 1)
            SELECT side, team_id, count(*) OVER (PARTITION BY side) AS total
              FROM (SELECT 'legacy' AS side, m.legacy_team_id AS team_id
                      FROM organizations_migration_map m
                     WHERE NOT EXISTS (SELECT 1 FROM unique_columns WHERE attname = 'legacy_team_id') AND %1$s
                     GROUP BY m.legacy_team_id HAVING count(*) > 1
                    UNION ALL
                    SELECT 'vnext', m.vnext_team_id
                      FROM organizations_migration_map m
                     WHERE NOT EXISTS (SELECT 1 FROM unique_columns WHERE attname = 'vnext_team_id') AND %1$s
                     GROUP BY m.vnext_team_id HAVING count(*) > 1) duplicates
             ORDER BY side, team_id
            """.formatted(ReportScope.MAP_IN_SCOPE);

    /**
     * The consistency sample: in-scope map rows whose two teams exist, in a fixed pseudo-random
     * order (a hash of the map row id, so the sample is spread over the whole history and two runs
     * on the same data compare the same teams), with what the comparison needs in one pass. The
     * order is taken on the map rows alone; {@code :candidates} adds to the sample size the number
     * of in-scope map rows with a missing team, which are the only ones the joins can drop. A legacy
     * membership whose profile has no account is nobody's membership: vNext cannot have it, so it
     * is not counted (backfill reports it as a conflict).
     */
    static final String SAMPLE = """
            SELECT m.id AS mapping_id, lt.id AS legacy_team_id, vt.id AS vnext_team_id,
                   lt.name AS legacy_name, vt.name AS vnext_name, lt.slug AS legacy_slug, vt.slug AS vnext_slug,
                   (SELECT count(*) FROM teams_teammembership lm
                     WHERE lm.team_id = lt.id
                       AND (lm.status = 'ACTIVE' OR coalesce((lm.role_metadata ->> 'held_back')::boolean, false))
                       AND EXISTS (SELECT 1 FROM accounts_user u WHERE u.id = lm.user_id)) AS legacy_count,
                   (SELECT count(*) FROM organizations_membership vm
                     WHERE vm.team_id = vt.id AND vm.status = 'ACTIVE') AS vnext_count,
                   EXISTS (SELECT 1 FROM teams_ranking_breakdown r WHERE r.team_id = lt.id) AS legacy_has_ranking,
                   EXISTS (SELECT 1 FROM organizations_ranking r WHERE r.team_id = vt.id) AS vnext_has_ranking
              FROM (SELECT m.id, m.legacy_team_id, m.vnext_team_id, hashint8extended(m.id, 0) AS sample_order
                      FROM organizations_migration_map m
                     WHERE %s
                     ORDER BY sample_order, m.id
                     LIMIT :candidates) m
              JOIN teams_team lt ON lt.id = m.legacy_team_id
              JOIN organizations_team vt ON vt.id = m.vnext_team_id
             ORDER BY m.sample_order, m.id
             LIMIT :sampleSize
            """.formatted(ReportScope.MAP_IN_SCOPE);

    // vNext teams of the last 24 hours (any status) need a map row and a legacy row.
    private static final String RECENT_TEAMS = """
            SELECT count(*) FROM organizations_team vt
             WHERE vt.created_at >= now() - interval '24 hours' AND %s
            """.formatted(ReportScope.VNEXT_MATCHES);

    private static final String MISSING_SHADOWS = """
            SELECT vt.id, vt.name, vt.slug, vt.created_at,
                   CASE WHEN m.id IS NULL THEN 'missing_mapping' ELSE 'missing_legacy_team' END AS reason,
                   count(*) OVER () AS total
              FROM organizations_team vt
              LEFT JOIN organizations_migration_map m ON m.vnext_team_id = vt.id
              LEFT JOIN teams_team lt ON lt.id = m.legacy_team_id
             WHERE vt.created_at >= now() - interval '24 hours' AND lt.id IS NULL AND %s
             ORDER BY vt.created_at DESC, vt.id DESC
             LIMIT 10
            """.formatted(ReportScope.VNEXT_MATCHES);

    private final ReportSession session;

    ReportQueries(ReportSession session) {
        this.session = session;
    }

    record TeamCounts(long legacyTeams, long vnextTeams) {}

    TeamCounts teamCounts() {
        return session.single(
                TEAM_COUNTS,
                (rs, row) -> new TeamCounts(rs.getLong("legacy_team_count"), rs.getLong("vnext_team_count")));
    }

    /** The map pass: complete counts, orphans capped at {@link #LIST_LIMIT}. */
    record MapPass(
            long mappings,
            long unverified,
            long withActiveLegacy,
            List<OrphanMapping> orphans,
            long orphanCount,
            long rowsWithMissingTeam) {}

    MapPass mapPass() {
        return session.single(MAP_PASS, (rs, row) -> {
            List<OrphanMapping> orphans = new ArrayList<>(orphans(rs, "missing_legacy", "missing_legacy_team"));
            List<OrphanMapping> missingVnext = orphans(rs, "missing_vnext", "missing_vnext_team");
            orphans.addAll(missingVnext.subList(0, Math.min(missingVnext.size(), LIST_LIMIT - orphans.size())));
            return new MapPass(
                    rs.getLong("mappings"),
                    rs.getLong("unverified"),
                    rs.getLong("with_active_legacy"),
                    orphans,
                    rs.getLong("missing_legacy") + rs.getLong("missing_vnext"),
                    rs.getLong("rows_with_missing_team"));
        });
    }

    private static List<OrphanMapping> orphans(java.sql.ResultSet rs, String prefix, String type)
            throws java.sql.SQLException {
        Long[] ids = longs(rs, prefix + "_id");
        Long[] legacy = longs(rs, prefix + "_legacy_team_id");
        Long[] vnext = longs(rs, prefix + "_vnext_team_id");
        List<OrphanMapping> orphans = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            orphans.add(new OrphanMapping(ids[i], type, legacy[i], vnext[i]));
        }
        return orphans;
    }

    private static Long[] longs(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? new Long[0] : (Long[]) array.getArray();
    }

    record Duplicates(List<Long> legacyIds, long legacyCount, List<Long> vnextIds, long vnextCount) {}

    Duplicates duplicates() {
        List<Long> legacy = new ArrayList<>();
        List<Long> vnext = new ArrayList<>();
        long[] totals = new long[2];
        session.stream(DUPLICATES, rs -> {
            boolean isLegacy = "legacy".equals(rs.getString("side"));
            List<Long> ids = isLegacy ? legacy : vnext;
            totals[isLegacy ? 0 : 1] = rs.getLong("total");
            if (ids.size() < LIST_LIMIT) {
                ids.add(rs.getLong("team_id"));
            }
        });
        return new Duplicates(legacy, totals[0], vnext, totals[1]);
    }

    /** Streams the sample; {@code rowsWithMissingTeam} comes from the {@link #mapPass()}. */
    void sample(long rowsWithMissingTeam, RowCallbackHandler handler) {
        session.set("candidates", session.request().sampleSize() + rowsWithMissingTeam);
        session.stream(SAMPLE, handler);
    }

    long recentTeams() {
        return session.single(RECENT_TEAMS, (rs, row) -> rs.getLong(1));
    }

    record MissingShadows(List<MissingShadow> first, long total) {}

    MissingShadows missingShadows() {
        List<MissingShadow> first = new ArrayList<>();
        long[] total = new long[1];
        session.stream(MISSING_SHADOWS, rs -> {
            total[0] = rs.getLong("total");
            first.add(new MissingShadow(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("slug"),
                    PythonFormat.isoTimestamp(rs.getObject("created_at", OffsetDateTime.class)),
                    rs.getString("reason")));
        });
        return new MissingShadows(first, total[0]);
    }

    /** A pair the consistency sample compared. */
    record SampledPair(long vnextTeamId, long legacyTeamId) {}
}
