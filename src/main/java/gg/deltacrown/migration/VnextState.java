package gg.deltacrown.migration;

import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.ShadowMember;
import gg.deltacrown.legacy.ShadowTeam;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the current vNext state of teams, as the shadow must mirror it (docs/adr/0015). */
@Repository
class VnextState {

    private static final String SELECT_TEAMS = """
            SELECT id, name, slug, game_id, region, description, logo, banner, branding ->> 'logo_url' AS logo_url,
                   status, created_at
              FROM organizations_team
             WHERE id = ANY(:ids)
            """;

    /**
     * Locks and reads the teams in one statement. The row locks serialise syncs of the same team
     * (dispatchers, strict-mode requests); id order, so overlapping batches cannot deadlock. Row
     * locks cost no lock-table memory whatever the batch size; they only make an update of the same
     * team row wait for the sync (inserting memberships does not).
     */
    private static final String LOCK_TEAMS = SELECT_TEAMS + """
             ORDER BY id
               FOR NO KEY UPDATE
            """;

    /**
     * The members of each team (with the user's legacy profile), its map row and whether it has a
     * vNext ranking, in one statement: a row per member, or one row without a member for a team
     * without members. Each part is an index probe per team (docs/adr/0031); the profile is a
     * lookup per member by its unique user id.
     */
    private static final String SELECT_DETAILS = """
            SELECT k.id AS team_id, mp.legacy_team_id::bigint AS legacy_team_id,
                   EXISTS (SELECT 1 FROM organizations_ranking r WHERE r.team_id = k.id) AS ranked,
                   m.id, m.user_id, m.profile_id, m.role, m.status, m.roster_slot, m.player_role,
                   m.is_tournament_captain, m.joined_at, m.left_at
              FROM unnest(:ids::bigint[]) AS k(id)
              LEFT JOIN LATERAL (SELECT legacy_team_id FROM organizations_migration_map
                                  WHERE vnext_team_id = k.id OFFSET 0) AS mp ON true
              LEFT JOIN LATERAL (SELECT m.id, m.user_id,
                                        (SELECT p.id FROM user_profile_userprofile p WHERE p.user_id = m.user_id)
                                            AS profile_id,
                                        m.role, m.status, m.roster_slot, m.player_role, m.is_tournament_captain,
                                        m.joined_at, m.left_at
                                   FROM organizations_membership m
                                  WHERE m.team_id = k.id OFFSET 0) AS m ON true
            """;

    private final JdbcClient jdbc;

    VnextState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, ShadowTeam> teams(Collection<Long> ids) {
        return read(SELECT_TEAMS, ids);
    }

    /** The teams that still exist, locked until the end of the transaction. */
    Map<Long, ShadowTeam> lockTeams(Collection<Long> ids) {
        return read(LOCK_TEAMS, ids);
    }

    private Map<Long, ShadowTeam> read(String sql, Collection<Long> ids) {
        Map<Long, ShadowTeam> teams = new HashMap<>();
        jdbc.sql(sql)
                .param("ids", ids.toArray(Long[]::new))
                .query(VnextState::team)
                .list()
                .forEach(team -> teams.put(team.vnextTeamId(), team));
        return teams;
    }

    /**
     * What a shadow needs beyond the team row, for teams read or locked by an earlier statement.
     * Never part of the locking statement: under READ COMMITTED a statement reads what was
     * committed when it began, so it would miss what the sync that held the lock committed (its map
     * row: a second shadow for the team). docs/adr/0031.
     */
    Details details(Collection<Long> teamIds) {
        Map<Long, List<ShadowMember>> members = new HashMap<>();
        Map<Long, Long> legacyIds = new HashMap<>();
        Set<Long> ranked = new HashSet<>();
        jdbc.sql(SELECT_DETAILS)
                .param("ids", teamIds.stream().distinct().toArray(Long[]::new))
                .query(rs -> {
                    long team = rs.getLong("team_id");
                    Long legacyId = rs.getObject("legacy_team_id", Long.class);
                    if (legacyId != null) {
                        legacyIds.put(team, legacyId);
                    }
                    if (rs.getBoolean("ranked")) {
                        ranked.add(team);
                    }
                    List<ShadowMember> teamMembers = members.computeIfAbsent(team, id -> new ArrayList<>());
                    if (rs.getObject("id") != null) {
                        teamMembers.add(member(rs));
                    }
                });
        return new Details(members, legacyIds, ranked);
    }

    /**
     * @param members by team, every team given (an empty list for a team without members)
     * @param legacyIds by team, for the mapped teams
     * @param ranked the teams with a vNext ranking
     */
    record Details(Map<Long, List<ShadowMember>> members, Map<Long, Long> legacyIds, Set<Long> ranked) {

        List<ShadowMember> membersOf(long teamId) {
            return members.getOrDefault(teamId, List.of());
        }
    }

    private static ShadowTeam team(ResultSet rs, int row) throws SQLException {
        return new ShadowTeam(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("slug"),
                Games.legacySlugOf(rs.getInt("game_id")),
                rs.getString("region"),
                rs.getString("description"),
                rs.getString("logo"),
                rs.getString("banner"),
                rs.getString("logo_url"),
                "ACTIVE".equals(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private static ShadowMember member(ResultSet rs) throws SQLException {
        return new ShadowMember(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getObject("profile_id", Long.class),
                rs.getString("role"),
                rs.getString("status"),
                rs.getString("roster_slot"),
                rs.getString("player_role"),
                rs.getBoolean("is_tournament_captain"),
                rs.getObject("joined_at", OffsetDateTime.class),
                rs.getObject("left_at", OffsetDateTime.class));
    }
}
