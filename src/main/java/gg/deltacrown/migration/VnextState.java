package gg.deltacrown.migration;

import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.ShadowMember;
import gg.deltacrown.legacy.ShadowTeam;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    private static final String SELECT_MEMBERS = """
            SELECT m.id, m.team_id, m.user_id, p.id AS profile_id, m.role, m.status, m.roster_slot, m.player_role,
                   m.is_tournament_captain, m.joined_at, m.left_at
              FROM organizations_membership m
              LEFT JOIN user_profile_userprofile p ON p.user_id = m.user_id
             WHERE m.team_id = ANY(:ids)
            """;

    private static final String SELECT_RANKED = """
            SELECT team_id FROM organizations_ranking WHERE team_id = ANY(:ids)
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

    Map<Long, List<ShadowMember>> members(Collection<Long> teamIds) {
        return jdbc
                .sql(SELECT_MEMBERS)
                .param("ids", teamIds.toArray(Long[]::new))
                .query((rs, row) -> Map.entry(rs.getLong("team_id"), member(rs)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The teams that have a vNext ranking. */
    List<Long> ranked(Collection<Long> ids) {
        return jdbc.sql(SELECT_RANKED)
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list();
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
