package gg.deltacrown.migration.repair;

import gg.deltacrown.validation.LegacyExpectations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the validation report finds, everywhere instead of in a sample: one query per kind of drift,
 * each returning the pairs it concerns, for every mapped pair or for a given set of vNext teams.
 * The definitions are the report's (its checks and {@link LegacyExpectations}), so a pair this
 * finds nothing for is a pair the report finds consistent.
 */
@Repository
class DriftQueries {

    /** The map rows in scope: all of them, or those of the given vNext teams. */
    private static final String SCOPE = """
            (NOT :scoped OR m.vnext_team_id = ANY(CAST(:ids AS integer[])))""";

    private static final String NAME_OR_SLUG = """
            SELECT k.kind, m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
              JOIN teams_team lt ON lt.id = m.legacy_team_id
              JOIN organizations_team vt ON vt.id = m.vnext_team_id
             CROSS JOIN LATERAL (VALUES ('name', lt.name IS DISTINCT FROM vt.name),
                                        ('slug', lt.slug IS DISTINCT FROM vt.slug)) AS k(kind, differs)
             WHERE (lt.name IS DISTINCT FROM vt.name OR lt.slug IS DISTINCT FROM vt.slug) AND k.differs AND %s
            """.formatted(SCOPE);

    private static final String UNVERIFIED = """
            SELECT 'unverified' AS kind, m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
             WHERE NOT m.verified AND %s
               AND EXISTS (SELECT 1 FROM organizations_team vt WHERE vt.id = m.vnext_team_id)
            """.formatted(SCOPE);

    /**
     * A vNext team of the report's dual-write window (24 hours) without a map row, or any mapped
     * vNext team whose legacy team is gone; and map rows whose vNext team is gone (an orphan: vNext
     * is the source of truth, so nothing can be repaired from it).
     */
    private static final String MISSING = """
            SELECT CASE WHEN vt.id IS NULL THEN 'orphan' ELSE 'missing_shadow' END AS kind,
                   m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
              LEFT JOIN organizations_team vt ON vt.id = m.vnext_team_id
             WHERE %s AND (vt.id IS NULL OR NOT EXISTS (SELECT 1 FROM teams_team lt WHERE lt.id = m.legacy_team_id))
            UNION ALL
            SELECT 'missing_shadow', vt.id, NULL
              FROM organizations_team vt
             WHERE vt.created_at >= now() - interval '24 hours'
               AND (NOT :scoped OR vt.id = ANY(CAST(:ids AS bigint[])))
               AND NOT EXISTS (SELECT 1 FROM organizations_migration_map m WHERE m.vnext_team_id = vt.id)
            """.formatted(SCOPE);

    /** Ranking presence differs; only a vNext-only ranking can be mirrored (a legacy row is never deleted). */
    private static final String RANKING = """
            SELECT CASE WHEN vr.team_id IS NULL THEN 'ranking_legacy_only' ELSE 'ranking' END AS kind,
                   m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
              JOIN teams_team lt ON lt.id = m.legacy_team_id
              JOIN organizations_team vt ON vt.id = m.vnext_team_id
              LEFT JOIN organizations_ranking vr ON vr.team_id = vt.id
              LEFT JOIN teams_ranking_breakdown lr ON lr.team_id = lt.id
             WHERE (vr.team_id IS NULL) <> (lr.team_id IS NULL) AND %s
            """.formatted(SCOPE);

    /** ACTIVE member counts differ (a legacy membership whose profile has no account is nobody's, as in the report). */
    private static final String MEMBERSHIP_COUNT = """
            WITH legacy AS (
                SELECT lm.team_id, count(*) AS members
                  FROM teams_teammembership lm
                  JOIN accounts_user u ON u.id = lm.user_id
                 WHERE lm.status = 'ACTIVE'
                 GROUP BY lm.team_id),
            vnext AS (
                SELECT vm.team_id, count(*) AS members
                  FROM organizations_membership vm
                 WHERE vm.status = 'ACTIVE'
                 GROUP BY vm.team_id)
            SELECT 'membership_count' AS kind, m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
              JOIN teams_team lt ON lt.id = m.legacy_team_id
              JOIN organizations_team vt ON vt.id = m.vnext_team_id
              LEFT JOIN legacy l ON l.team_id = lt.id
              LEFT JOIN vnext v ON v.team_id = vt.id
             WHERE coalesce(l.members, 0) <> coalesce(v.members, 0) AND %s
            """.formatted(SCOPE);

    /**
     * The report's membership shadow check on every pair in scope: each vNext team's current
     * membership per user (ACTIVE, else the latest) needs the legacy row of the same user with the
     * role and status {@link LegacyExpectations} gives (an owner Django's save promoted excepted).
     */
    private static final String MEMBERSHIP_SHADOW = """
            SELECT DISTINCT 'membership_shadow' AS kind, m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
              JOIN teams_team lt ON lt.id = m.legacy_team_id
              JOIN organizations_membership v ON v.team_id = m.vnext_team_id
              LEFT JOIN LATERAL (SELECT l.role, l.status,
                                        coalesce((l.role_metadata ->> 'promoted_to_owner')::boolean, false) AS promoted
                                   FROM teams_teammembership l
                                  WHERE l.team_id = lt.id AND l.user_id = v.user_id
                                  LIMIT 1) l ON true
             WHERE %3$s
               AND (v.status = 'ACTIVE'
                    OR NOT EXISTS (SELECT 1 FROM organizations_membership o
                                    WHERE o.team_id = v.team_id AND o.user_id = v.user_id AND o.id <> v.id
                                      AND (o.status = 'ACTIVE' OR (o.joined_at, o.id) > (v.joined_at, v.id))))
               AND (l.role IS NULL
                    OR (l.role IS DISTINCT FROM %1$s AND NOT (l.promoted AND l.role = 'OWNER'))
                    OR l.status IS DISTINCT FROM %2$s)
            """.formatted(
                    LegacyExpectations.legacyRoleSql("v.role"), LegacyExpectations.legacyStatusSql("v.status"), SCOPE);

    private static final String BLOCKED_OUTBOX = """
            SELECT DISTINCT 'blocked_outbox' AS kind, o.vnext_team_id, m.legacy_team_id
              FROM organizations_dualwrite_outbox o
              LEFT JOIN organizations_migration_map m ON m.vnext_team_id = o.vnext_team_id
             WHERE o.status = 'BLOCKED' AND (NOT :scoped OR o.vnext_team_id = ANY(CAST(:ids AS bigint[])))
            """;

    static final Map<String, String> KINDS = Map.of(
            "name_or_slug", NAME_OR_SLUG,
            "unverified", UNVERIFIED,
            "missing", MISSING,
            "ranking", RANKING,
            "membership_count", MEMBERSHIP_COUNT,
            "membership_shadow", MEMBERSHIP_SHADOW,
            "blocked_outbox", BLOCKED_OUTBOX);

    private static final List<String> ORDER = List.of(
            "name_or_slug",
            "membership_count",
            "membership_shadow",
            "ranking",
            "unverified",
            "missing",
            "blocked_outbox");

    private final JdbcClient jdbc;

    DriftQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A team id of either width (the map's columns are {@code integer}, the teams' {@code bigint}). */
    private static Long id(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long id = rs.getLong(column);
        return rs.wasNull() ? null : id;
    }

    /** Every drifted item, for all pairs ({@code vnextTeamIds} null) or for these vNext teams. */
    List<DriftItem> find(Collection<Long> vnextTeamIds) {
        boolean scoped = vnextTeamIds != null;
        Long[] ids = scoped ? vnextTeamIds.toArray(Long[]::new) : new Long[0];
        List<DriftItem> items = new ArrayList<>();
        for (String name : ORDER) {
            jdbc.sql(KINDS.get(name))
                    .param("scoped", scoped)
                    .param("ids", ids)
                    .query((rs, row) ->
                            new DriftItem(rs.getString("kind"), id(rs, "vnext_team_id"), id(rs, "legacy_team_id")))
                    .list()
                    .forEach(items::add);
        }
        return items;
    }
}
