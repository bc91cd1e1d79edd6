package gg.deltacrown.runbook;

import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.LegacyMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runbook's "Verify Database" steps (3.3 Steps 1-4 and the checks of Flows 2-5) as SQL over
 * the compatibility views the runbook queries, each turned into a list of differences: empty
 * means the legacy shadow matches vNext. Read-only.
 */
final class ShadowChecks {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final String OUTBOX_MARK = "SELECT coalesce(max(id), 0) FROM organizations_dualwrite_outbox";

    private static final String OUTBOX_PROGRESS = """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status = 'DONE') AS done,
                   count(*) FILTER (WHERE status = 'BLOCKED') AS blocked,
                   max(last_error) AS last_error
              FROM organizations_dualwrite_outbox
             WHERE id > :mark AND vnext_team_id = :team
            """;

    /** Step 4 of 3.3, plus the settings of Flow 4. */
    private static final String TEAM = """
            SELECT v.name, v.slug, v.game_id, v.region, v.description, coalesce(v.branding->>'logo_url', '') AS logo_url,
                   m.legacy_team_id, coalesce(m.verified, false) AS verified,
                   l.name AS legacy_name, l.slug AS legacy_slug, l.game AS legacy_game, l.region AS legacy_region,
                   l.description AS legacy_description, coalesce(l.logo_url, '') AS legacy_logo_url
              FROM organizations_team v
              LEFT JOIN organizations_teammigrationmap m ON m.vnext_team_id = v.id
              LEFT JOIN teams_team l ON l.id = m.legacy_team_id
             WHERE v.id = :team
            """;

    /** Every membership of the team next to its legacy shadow (Flows 1, 2, 3 and 5). */
    private static final String MEMBERS = """
            SELECT vm.id, u.username, vm.role, vm.status, vm.left_at IS NOT NULL AS left,
                   l.id AS legacy_id, l.role AS legacy_role, l.status AS legacy_status,
                   l.left_at IS NOT NULL AS legacy_left
              FROM organizations_membership vm
              JOIN accounts_user u ON u.id = vm.user_id
              LEFT JOIN user_profile_userprofile p ON p.user_id = vm.user_id
              LEFT JOIN organizations_teammigrationmap m ON m.vnext_team_id = vm.team_id
              LEFT JOIN teams_teammembership l ON l.team_id = m.legacy_team_id AND l.profile_id = p.id
             WHERE vm.team_id = :team
             ORDER BY vm.id
            """;

    private static final String MAP_ROWS = """
            SELECT count(*) AS teams, count(m.id) AS mapped, count(*) FILTER (WHERE m.verified) AS verified
              FROM unnest(CAST(:ids AS bigint[])) AS t(id)
              LEFT JOIN organizations_migration_map m ON m.vnext_team_id = t.id
            """;

    private static final String UNFINISHED = """
            SELECT count(*) FROM organizations_dualwrite_outbox WHERE vnext_team_id = ANY(:ids) AND status <> 'DONE'
            """;

    private final JdbcClient jdbc;

    ShadowChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long outboxMark() {
        return jdbc.sql(OUTBOX_MARK).query(Long.class).single();
    }

    /**
     * Waits until every outbox row written for the team after {@code mark} is done. Fails when
     * none was written (the service is not dual-writing), when one is BLOCKED, or at the deadline.
     */
    void awaitShadows(long team, long mark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var progress = jdbc.sql(OUTBOX_PROGRESS)
                    .param("mark", mark)
                    .param("team", team)
                    .query((rs, n) -> new long[] {rs.getLong("total"), rs.getLong("done"), rs.getLong("blocked")})
                    .single();
            if (progress[2] > 0) {
                throw new RunbookFailedException("the dual-write of team " + team + " is BLOCKED: "
                        + Objects.requireNonNullElse(
                                lastError(team, mark), "see ./deltacrown outbox list --status blocked"));
            }
            if (progress[0] > 0 && progress[0] == progress[1]) {
                return;
            }
            if (System.nanoTime() > deadline) {
                if (progress[0] == 0) {
                    throw new RunbookFailedException("no dual-write was scheduled for team " + team + " within "
                            + timeout.toSeconds() + " s: is TEAM_VNEXT_DUAL_WRITE_ENABLED on for the instance that"
                            + " served the request?");
                }
                String error = lastError(team, mark);
                throw new RunbookFailedException("the legacy shadow of team " + team + " was not written within "
                        + timeout.toSeconds() + " s (" + (progress[0] - progress[1]) + " outbox rows pending"
                        + (error == null ? "" : "; last error: " + error) + ")");
            }
            Deadlines.pause(POLL);
        }
    }

    private String lastError(long team, long mark) {
        return jdbc.sql(OUTBOX_PROGRESS)
                .param("mark", mark)
                .param("team", team)
                .query((rs, n) -> rs.getString("last_error"))
                .list()
                .get(0); // null when no attempt failed
    }

    /** The differences between the vNext team and its legacy shadow (Step 4: name, slug, game, region, settings). */
    List<String> teamDifferences(long team) {
        return jdbc.sql(TEAM)
                .param("team", team)
                .query((rs, n) -> {
                    List<String> differences = new ArrayList<>();
                    if (rs.getObject("legacy_team_id") == null) {
                        differences.add("team " + team + ": no migration map row");
                        return differences;
                    }
                    if (rs.getString("legacy_name") == null) {
                        differences.add("team " + team + ": map row points at legacy team "
                                + rs.getLong("legacy_team_id") + ", which does not exist");
                        return differences;
                    }
                    if (!rs.getBoolean("verified")) {
                        differences.add("team " + team + ": map row not verified");
                    }
                    compare(differences, team, "name", rs.getString("name"), rs.getString("legacy_name"));
                    compare(differences, team, "slug", rs.getString("slug"), rs.getString("legacy_slug"));
                    compare(
                            differences,
                            team,
                            "game",
                            Games.legacySlugOf(rs.getInt("game_id")),
                            rs.getString("legacy_game"));
                    compare(differences, team, "region", rs.getString("region"), rs.getString("legacy_region"));
                    compare(
                            differences,
                            team,
                            "description",
                            rs.getString("description"),
                            rs.getString("legacy_description"));
                    compare(differences, team, "logo_url", rs.getString("logo_url"), rs.getString("legacy_logo_url"));
                    return differences;
                })
                .optional()
                .orElse(List.of("team " + team + " does not exist in vNext"));
    }

    /** The differences between each membership of the team and its legacy shadow (role, status, left_at). */
    List<String> memberDifferences(long team) {
        List<String> differences = new ArrayList<>();
        jdbc.sql(MEMBERS)
                .param("team", team)
                .query((rs, n) -> {
                    String who = "membership " + rs.getLong("id") + " (" + rs.getString("username") + ")";
                    if (rs.getObject("legacy_id") == null) {
                        differences.add(who + ": no legacy membership");
                        return null;
                    }
                    compare(
                            differences,
                            who,
                            "role",
                            LegacyMapping.role(rs.getString("role")),
                            rs.getString("legacy_role"));
                    compare(
                            differences,
                            who,
                            "status",
                            LegacyMapping.status(rs.getString("status")),
                            rs.getString("legacy_status"));
                    if (rs.getBoolean("left") != rs.getBoolean("legacy_left")) {
                        differences.add(who + ": left_at "
                                + (rs.getBoolean("left")
                                        ? "set in vNext, not in legacy"
                                        : "set in legacy, not in vNext"));
                    }
                    return null;
                })
                .list();
        return differences;
    }

    /** The legacy role and status of one vNext membership's shadow, for the flow's own expectation. */
    String legacyRoleAndStatus(long membership) {
        return jdbc.sql("""
                SELECT coalesce(l.role, '-') || '/' || coalesce(l.status, '-')
                  FROM organizations_membership vm
                  LEFT JOIN user_profile_userprofile p ON p.user_id = vm.user_id
                  LEFT JOIN organizations_teammigrationmap m ON m.vnext_team_id = vm.team_id
                  LEFT JOIN teams_teammembership l ON l.team_id = m.legacy_team_id AND l.profile_id = p.id
                 WHERE vm.id = :membership
                """)
                .param("membership", membership)
                .query(String.class)
                .optional()
                .orElse("-/-");
    }

    /** Per operation, the team's outbox rows: {rows, rows DONE and completed by a dispatcher}. */
    Map<String, long[]> outboxOf(long team) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT operation, count(*) AS n,
                       count(*) FILTER (WHERE status = 'DONE' AND completed_by IS NOT NULL) AS dispatched
                  FROM organizations_dualwrite_outbox
                 WHERE vnext_team_id = :team
                 GROUP BY operation
                 ORDER BY min(id)
                """)
                .param("team", team)
                .query((rs, n) ->
                        rows.put(rs.getString("operation"), new long[] {rs.getLong("n"), rs.getLong("dispatched")}))
                .list();
        return rows;
    }

    /** For the given teams: {teams, with a map row, with a verified map row}. */
    long[] mapRows(List<Long> teams) {
        return jdbc.sql(MAP_ROWS)
                .param("ids", teams.toArray(Long[]::new))
                .query((rs, n) -> new long[] {rs.getLong("teams"), rs.getLong("mapped"), rs.getLong("verified")})
                .single();
    }

    /** Waits until no outbox row of the given teams is pending or blocked; false at the deadline. */
    boolean awaitDone(List<Long> teams, Duration timeout) {
        try {
            Deadlines.await(
                    () -> jdbc.sql(UNFINISHED)
                                    .param("ids", teams.toArray(Long[]::new))
                                    .query(Long.class)
                                    .single()
                            == 0,
                    timeout,
                    () -> "unfinished");
            return true;
        } catch (RunbookFailedException e) {
            return false;
        }
    }

    /** The team's map row as the runbook's Step 1 shows it; null when there is none. */
    MapRow mapRow(long team) {
        return jdbc.sql(
                        "SELECT legacy_team_id, verified FROM organizations_teammigrationmap WHERE vnext_team_id = :team")
                .param("team", team)
                .query((rs, n) -> new MapRow(team, rs.getLong("legacy_team_id"), rs.getBoolean("verified")))
                .optional()
                .orElse(null);
    }

    record MapRow(long vnextTeamId, long legacyTeamId, boolean verified) {
        @Override
        public String toString() {
            return "vNext team " + vnextTeamId + " -> legacy team " + legacyTeamId
                    + (verified ? ", verified" : ", NOT verified");
        }
    }

    /** How long the team's outbox rows waited for their legacy shadow, as a line for the summary. */
    String lagOf(long team) {
        return jdbc.sql("""
                SELECT count(*) AS n,
                       round(avg(extract(epoch FROM completed_at - created_at)) * 1000) AS average_ms,
                       round(max(extract(epoch FROM completed_at - created_at)) * 1000) AS max_ms
                  FROM organizations_dualwrite_outbox
                 WHERE vnext_team_id = :team AND status = 'DONE'
                """)
                .param("team", team)
                .query((rs, n) -> rs.getLong("n") == 0
                        ? ""
                        : "Shadow lag (outbox row to legacy commit): average " + rs.getLong("average_ms") + " ms, max "
                                + rs.getLong("max_ms") + " ms over " + rs.getLong("n") + " rows")
                .single();
    }

    private static void compare(List<String> differences, Object who, String field, String vnext, String legacy) {
        if (!Objects.equals(vnext, legacy)) {
            differences.add((who instanceof Long ? "team " + who : who) + ": " + field + " is '" + vnext
                    + "' in vNext, '" + legacy + "' in legacy");
        }
    }
}
