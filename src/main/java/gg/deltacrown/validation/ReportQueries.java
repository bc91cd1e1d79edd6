package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.BlockedEntry;
import gg.deltacrown.validation.ValidationReport.LegacyWrite;
import gg.deltacrown.validation.ValidationReport.MissingShadow;
import gg.deltacrown.validation.ValidationReport.OrphanMapping;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read queries of one report, all set-based: a fixed number of statements whatever the sample
 * size or the data, each aggregating in PostgreSQL and returning at most a bounded list (or, for
 * the membership shadows, streaming only the rows that are wrong). Run inside the report's
 * snapshot transaction; {@link #count()} is the number of statements it ran.
 *
 * <p>Every query applies the report's filters the same way: a legacy team matches when its
 * {@code game} is the filter game's legacy slug and its {@code region} the filter region; a vNext
 * team when its {@code game_id} and {@code region} match; a map row is in scope when either of its
 * teams matches (team status plays no part in the scope). Without filters everything is in scope.
 */
final class ReportQueries {

    /** Longest list a report section carries (duplicate ids, orphans); the counts stay complete. */
    static final int LIST_LIMIT = 1000;

    static final String LEGACY_MATCHES = """
            (NOT :gameFiltered OR lt.game = CAST(:legacyGame AS text))
            AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))""";

    static final String VNEXT_MATCHES = """
            (NOT :gameFiltered OR vt.game_id = CAST(:gameId AS integer))
            AND (CAST(:region AS text) IS NULL OR vt.region = CAST(:region AS text))""";

    static final String MAP_IN_SCOPE = """
            (NOT :filtered
             OR m.vnext_team_id IN (SELECT vt.id FROM organizations_team vt WHERE %s)
             OR m.legacy_team_id IN (SELECT lt.id FROM teams_team lt WHERE %s))"""
            .formatted(VNEXT_MATCHES, LEGACY_MATCHES);

    /**
     * Compiling these one-off queries costs more than it saves (PostgreSQL's JIT would compile
     * each scan over a million rows); the setting ends with the transaction.
     */
    private static final String TUNE = "SELECT set_config('jit', 'off', true)";

    private static final String TEAM_COUNTS = """
            SELECT (SELECT count(*) FROM teams_team lt WHERE lt.is_active AND %s) AS legacy_team_count,
                   (SELECT count(*) FROM organizations_team vt WHERE vt.status = 'ACTIVE' AND %s) AS vnext_team_count
            """.formatted(LEGACY_MATCHES, VNEXT_MATCHES);

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
            """.formatted(LEGACY_MATCHES, VNEXT_MATCHES, orphanArrays("missing_legacy", "lt.id IS NULL"),
                    orphanArrays("missing_vnext", "vt.id IS NULL"));

    private static String orphanArrays(String prefix, String condition) {
        return java.util.stream.Stream.of("m.id", "m.legacy_team_id", "m.vnext_team_id")
                .map(column -> "(array_agg(%s ORDER BY m.id) FILTER (WHERE %s))[1 : %d]::bigint[] AS %s_%s"
                        .formatted(column, condition, LIST_LIMIT, prefix, column.substring(2)))
                .collect(java.util.stream.Collectors.joining(",\n       "));
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
            """.formatted(MAP_IN_SCOPE);

    /**
     * The consistency sample: in-scope map rows whose two teams exist, in a fixed pseudo-random
     * order (a hash of the map row id, so the sample is spread over the whole history and two runs
     * on the same data compare the same teams), with what the comparison needs in one pass. The
     * order is taken on the map rows alone; {@code :candidates} adds to the sample size the number
     * of in-scope map rows with a missing team, which are the only ones the joins can drop.
     */
    static final String SAMPLE = """
            SELECT m.id AS mapping_id, lt.id AS legacy_team_id, vt.id AS vnext_team_id,
                   lt.name AS legacy_name, vt.name AS vnext_name, lt.slug AS legacy_slug, vt.slug AS vnext_slug,
                   (SELECT count(*) FROM teams_teammembership lm
                     WHERE lm.team_id = lt.id AND lm.status = 'ACTIVE') AS legacy_count,
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
            """.formatted(MAP_IN_SCOPE);

    // vNext teams of the last 24 hours (any status) need a map row and a legacy row.
    private static final String RECENT_TEAMS = """
            SELECT count(*) FROM organizations_team vt
             WHERE vt.created_at >= now() - interval '24 hours' AND %s
            """.formatted(VNEXT_MATCHES);

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
            """.formatted(VNEXT_MATCHES);

    private static final String OUTBOX_SCOPE = """
            (NOT :filtered OR o.vnext_team_id IN (SELECT vt.id FROM organizations_team vt WHERE %s))"""
            .formatted(VNEXT_MATCHES);

    private static final String OUTBOX = """
            SELECT count(*) FILTER (WHERE o.status = 'PENDING') AS pending_count,
                   count(*) FILTER (WHERE o.status = 'BLOCKED') AS blocked_count,
                   floor(extract(epoch FROM now() - min(o.created_at) FILTER (WHERE o.status = 'PENDING')))::bigint
                       AS oldest_pending_age_seconds
              FROM organizations_dualwrite_outbox o
             WHERE o.status <> 'DONE' AND %s
            """.formatted(OUTBOX_SCOPE);

    private static final String BLOCKED_OUTBOX = """
            SELECT o.id, o.operation, o.vnext_team_id, o.vnext_membership_id, o.attempts, o.blocked_reason, o.last_error
              FROM organizations_dualwrite_outbox o
             WHERE o.status = 'BLOCKED' AND %s
             ORDER BY o.id
             LIMIT 5
            """.formatted(OUTBOX_SCOPE);

    /**
     * The membership shadows of the checked teams: the sampled pairs, and every mapped team the
     * dual-write worked on lately (an outbox entry not done yet, or done in the last 24 hours). A
     * vNext membership's shadow is the legacy row with the map's legacy team and the same user; it
     * must exist and carry the role and status {@link LegacyExpectations} gives. Only the current
     * vNext row of a team and user is compared (its ACTIVE row, else its latest), since legacy keeps
     * one row per team and member. Returns one row per problem, each carrying the totals (one row of
     * totals alone when nothing is wrong).
     */
    static final String MEMBERSHIP_SHADOWS = """
            WITH checked_teams AS (
                SELECT sampled.vnext_team_id, sampled.legacy_team_id
                  FROM unnest(CAST(:sampledVnextTeams AS bigint[]), CAST(:sampledLegacyTeams AS bigint[]))
                       AS sampled (vnext_team_id, legacy_team_id)
                UNION
                SELECT m.vnext_team_id, m.legacy_team_id
                  FROM organizations_dualwrite_outbox o
                  JOIN organizations_migration_map m ON m.vnext_team_id = o.vnext_team_id
                  JOIN teams_team lt ON lt.id = m.legacy_team_id
                 WHERE (o.status <> 'DONE' OR o.completed_at >= now() - interval '24 hours') AND %3$s),
            compared AS (
                SELECT v.id AS vnext_membership_id, v.team_id AS vnext_team_id, c.legacy_team_id, v.user_id,
                       v.role, v.status, %1$s AS expected_legacy_role, %2$s AS expected_legacy_status,
                       l.id AS legacy_membership_id, l.role AS legacy_role, l.status AS legacy_status
                  FROM checked_teams c
                  JOIN organizations_membership v ON v.team_id = c.vnext_team_id
                  LEFT JOIN LATERAL (SELECT l.id, l.role, l.status FROM teams_teammembership l
                                      WHERE l.team_id = c.legacy_team_id AND l.user_id = v.user_id
                                      LIMIT 1) l ON true
                 WHERE v.status = 'ACTIVE'
                    OR NOT EXISTS (SELECT 1 FROM organizations_membership o
                                    WHERE o.team_id = v.team_id AND o.user_id = v.user_id AND o.id <> v.id
                                      AND (o.status = 'ACTIVE' OR (o.joined_at, o.id) > (v.joined_at, v.id))))
            SELECT totals.checked_teams, totals.checked_memberships, problems.*
              FROM (SELECT (SELECT count(*) FROM checked_teams) AS checked_teams,
                           (SELECT count(*) FROM compared) AS checked_memberships) totals
              LEFT JOIN (SELECT * FROM compared
                          WHERE legacy_membership_id IS NULL
                             OR legacy_role IS DISTINCT FROM expected_legacy_role
                             OR legacy_status IS DISTINCT FROM expected_legacy_status) problems ON true
            """.formatted(LegacyExpectations.legacyRoleSql("v.role"), LegacyExpectations.legacyStatusSql("v.status"),
                    OUTBOX_SCOPE);

    // The seeding tool's own writes are not news; the dual-write's are not audited at all.
    private static final String LEGACY_WRITES = """
            SELECT a.occurred_at, a.table_name, a.operation, a.allowed_by, a.bypass_reason, a.db_user,
                   count(*) OVER () AS total
              FROM organizations_legacy_write_audit a
             WHERE a.bypass_reason IS DISTINCT FROM '%s'
             ORDER BY a.occurred_at DESC, a.id DESC
             LIMIT 5
            """.formatted(ValidationReports.SEEDING_BYPASS_REASON);

    private final JdbcClient jdbc;
    private final Map<String, Object> params;
    private final int sampleSize;
    private int count;

    ReportQueries(JdbcClient jdbc, ReportRequest request) {
        this.jdbc = jdbc;
        this.params = new HashMap<>();
        this.sampleSize = request.sampleSize();
        params.put("filtered", request.filtered());
        params.put("gameFiltered", request.gameFiltered());
        params.put("gameId", request.gameId());
        params.put("legacyGame", request.legacyGame());
        params.put("region", request.region());
        params.put("sampleSize", request.sampleSize());
    }

    /** Statements run so far. */
    int count() {
        return count;
    }

    void tune() {
        single(TUNE, (rs, row) -> rs.getString(1));
    }

    record TeamCounts(long legacyTeams, long vnextTeams) {}

    TeamCounts teamCounts() {
        return single(TEAM_COUNTS, (rs, row) -> new TeamCounts(rs.getLong("legacy_team_count"),
                rs.getLong("vnext_team_count")));
    }

    /** The map pass: complete counts, orphans capped at {@link #LIST_LIMIT}. */
    record MapPass(long mappings, long unverified, long withActiveLegacy, List<OrphanMapping> orphans,
            long orphanCount, long rowsWithMissingTeam) {}

    MapPass mapPass() {
        return single(MAP_PASS, (rs, row) -> {
            List<OrphanMapping> orphans = new ArrayList<>(orphans(rs, "missing_legacy", "missing_legacy_team"));
            List<OrphanMapping> missingVnext = orphans(rs, "missing_vnext", "missing_vnext_team");
            orphans.addAll(missingVnext.subList(0, Math.min(missingVnext.size(), LIST_LIMIT - orphans.size())));
            return new MapPass(rs.getLong("mappings"), rs.getLong("unverified"), rs.getLong("with_active_legacy"),
                    orphans, rs.getLong("missing_legacy") + rs.getLong("missing_vnext"),
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
        stream(DUPLICATES, rs -> {
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
        params.put("candidates", sampleSize + rowsWithMissingTeam);
        stream(SAMPLE, handler);
    }

    long recentTeams() {
        return single(RECENT_TEAMS, (rs, row) -> rs.getLong(1));
    }

    record MissingShadows(List<MissingShadow> first, long total) {}

    MissingShadows missingShadows() {
        List<MissingShadow> first = new ArrayList<>();
        long[] total = new long[1];
        stream(MISSING_SHADOWS, rs -> {
            total[0] = rs.getLong("total");
            first.add(new MissingShadow(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
                    PythonFormat.isoTimestamp(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("reason")));
        });
        return new MissingShadows(first, total[0]);
    }

    record OutboxCounts(long pending, long blocked, Long oldestPendingAgeSeconds) {}

    OutboxCounts outbox() {
        return single(OUTBOX, (rs, row) -> new OutboxCounts(rs.getLong("pending_count"), rs.getLong("blocked_count"),
                rs.getObject("oldest_pending_age_seconds", Long.class)));
    }

    List<BlockedEntry> blockedOutbox() {
        List<BlockedEntry> entries = new ArrayList<>();
        stream(BLOCKED_OUTBOX, rs -> entries.add(new BlockedEntry(rs.getLong("id"), rs.getString("operation"),
                rs.getLong("vnext_team_id"), rs.getObject("vnext_membership_id", Long.class), rs.getInt("attempts"),
                rs.getString("blocked_reason"), rs.getString("last_error"))));
        return entries;
    }

    /** A pair the consistency sample compared. */
    record SampledPair(long vnextTeamId, long legacyTeamId) {}

    /** Streams the membership shadow problems of the sampled pairs and of the teams the dual-write worked on. */
    void membershipShadows(List<SampledPair> sampled, RowCallbackHandler handler) {
        params.put("sampledVnextTeams", arrayLiteral(sampled.stream().map(SampledPair::vnextTeamId).toList()));
        params.put("sampledLegacyTeams", arrayLiteral(sampled.stream().map(SampledPair::legacyTeamId).toList()));
        stream(MEMBERSHIP_SHADOWS, handler);
    }

    private static String arrayLiteral(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    record LegacyWrites(List<LegacyWrite> latest, long total) {}

    LegacyWrites legacyWrites() {
        List<LegacyWrite> latest = new ArrayList<>();
        long[] total = new long[1];
        stream(LEGACY_WRITES, rs -> {
            total[0] = rs.getLong("total");
            latest.add(new LegacyWrite(PythonFormat.isoTimestamp(rs.getObject("occurred_at", OffsetDateTime.class)),
                    rs.getString("table_name"), rs.getString("operation"), rs.getString("allowed_by"),
                    rs.getString("bypass_reason"), rs.getString("db_user")));
        });
        return new LegacyWrites(latest, total[0]);
    }

    private <T> T single(String sql, org.springframework.jdbc.core.RowMapper<T> mapper) {
        count++;
        return jdbc.sql(sql).params(params).query(mapper).single();
    }

    private void stream(String sql, RowCallbackHandler handler) {
        count++;
        jdbc.sql(sql).params(params).query(handler);
    }
}
