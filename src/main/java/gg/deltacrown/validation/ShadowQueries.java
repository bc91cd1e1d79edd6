package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.BlockedEntry;
import gg.deltacrown.validation.ValidationReport.LegacyWrite;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The queries of the {@code shadow_health} section: the dual-write outbox, membership shadows and
 * legacy writes that got through while blocking was on.
 */
final class ShadowQueries {

    private static final String OUTBOX_SCOPE = """
            (NOT :filtered OR o.vnext_team_id IN (SELECT vt.id FROM organizations_team vt WHERE %s))""".formatted(ReportScope.VNEXT_MATCHES);

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
     * must exist and carry the role and status {@link LegacyExpectations} gives, or be an ACTIVE
     * member's row held back as PENDING by the one-active-team-per-game rule while the member is
     * still ACTIVE in another legacy team of the game (once that team let go, the held-back row is
     * stale until its team's next sync, and differs). Only the current
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
                       l.id AS legacy_membership_id, l.role AS legacy_role, l.status AS legacy_status,
                       l.promoted AS legacy_promoted, l.held_back AS legacy_held_back
                  FROM checked_teams c
                  JOIN organizations_membership v ON v.team_id = c.vnext_team_id
                  LEFT JOIN LATERAL (SELECT l.id, l.role, l.status,
                                            coalesce((l.role_metadata ->> 'promoted_to_owner')::boolean, false) AS promoted,
                                            coalesce((l.role_metadata ->> 'held_back')::boolean, false) AS held_back
                                       FROM teams_teammembership l
                                      WHERE l.team_id = c.legacy_team_id AND l.user_id = v.user_id
                                      LIMIT 1) l ON true
                 WHERE v.status = 'ACTIVE'
                    OR NOT EXISTS (SELECT 1 FROM organizations_membership o
                                    WHERE o.team_id = v.team_id AND o.user_id = v.user_id AND o.id <> v.id
                                      AND (o.status = 'ACTIVE' OR (o.joined_at, o.id) > (v.joined_at, v.id))))
            SELECT totals.checked_teams, totals.checked_memberships, problems.*
              FROM (SELECT (SELECT count(*) FROM checked_teams) AS checked_teams,
                           (SELECT count(*) FROM compared) AS checked_memberships) totals
              LEFT JOIN (SELECT *, legacy_held_back AND legacy_status = 'PENDING' AND expected_legacy_status = 'ACTIVE'
                                   AND EXISTS (SELECT 1 FROM teams_teammembership o
                                                 JOIN teams_team ot ON ot.id = o.team_id
                                                WHERE o.user_id = compared.user_id AND o.status = 'ACTIVE'
                                                  AND o.team_id <> compared.legacy_team_id AND ot.game <> ''
                                                  AND ot.game = (SELECT lt.game FROM teams_team lt
                                                                  WHERE lt.id = compared.legacy_team_id)) AS held_back
                           FROM compared
                          WHERE legacy_membership_id IS NULL
                             OR (legacy_role IS DISTINCT FROM expected_legacy_role
                                 AND NOT (legacy_promoted AND legacy_role = 'OWNER'))
                             OR legacy_status IS DISTINCT FROM expected_legacy_status) problems ON true
            """.formatted(
                    LegacyExpectations.legacyRoleSql("v.role", "v.status"),
                    LegacyExpectations.legacyStatusSql("v.status"),
                    OUTBOX_SCOPE);

    // Every audited write counts: the shadow writer's (dual-write, data tools) are never audited,
    // and no other write passes the guard unaudited.
    private static final String LEGACY_WRITES = """
            SELECT a.occurred_at, a.table_name, a.operation, a.allowed_by, a.bypass_reason, a.db_user,
                   count(*) OVER () AS total
              FROM organizations_legacy_write_audit a
             ORDER BY a.occurred_at DESC, a.id DESC
             LIMIT 5
            """;

    private final ReportSession session;

    ShadowQueries(ReportSession session) {
        this.session = session;
    }

    record OutboxCounts(long pending, long blocked, Long oldestPendingAgeSeconds) {}

    OutboxCounts outbox() {
        return session.single(
                OUTBOX,
                (rs, row) -> new OutboxCounts(
                        rs.getLong("pending_count"),
                        rs.getLong("blocked_count"),
                        rs.getObject("oldest_pending_age_seconds", Long.class)));
    }

    List<BlockedEntry> blockedOutbox() {
        List<BlockedEntry> entries = new ArrayList<>();
        session.stream(
                BLOCKED_OUTBOX,
                rs -> entries.add(new BlockedEntry(
                        rs.getLong("id"),
                        rs.getString("operation"),
                        rs.getLong("vnext_team_id"),
                        rs.getObject("vnext_membership_id", Long.class),
                        rs.getInt("attempts"),
                        rs.getString("blocked_reason"),
                        rs.getString("last_error"))));
        return entries;
    }

    /** Streams the membership shadow problems of the sampled pairs and of the teams the dual-write worked on. */
    void membershipShadows(List<ReportQueries.SampledPair> sampled, RowCallbackHandler handler) {
        session.set("sampledVnextTeams", arrayLiteral(sampled.stream().map(ReportQueries.SampledPair::vnextTeamId)));
        session.set("sampledLegacyTeams", arrayLiteral(sampled.stream().map(ReportQueries.SampledPair::legacyTeamId)));
        session.stream(MEMBERSHIP_SHADOWS, handler);
    }

    private static String arrayLiteral(Stream<Long> ids) {
        return ids.map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    record LegacyWrites(List<LegacyWrite> latest, long total) {}

    LegacyWrites legacyWrites() {
        List<LegacyWrite> latest = new ArrayList<>();
        long[] total = new long[1];
        session.stream(LEGACY_WRITES, rs -> {
            total[0] = rs.getLong("total");
            latest.add(new LegacyWrite(
                    PythonFormat.isoTimestamp(rs.getObject("occurred_at", OffsetDateTime.class)),
                    rs.getString("table_name"),
                    rs.getString("operation"),
                    rs.getString("allowed_by"),
                    rs.getString("bypass_reason"),
                    rs.getString("db_user")));
        });
        return new LegacyWrites(latest, total[0]);
    }
}
