package gg.deltacrown.teams;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code organizations_membership}. */
@Repository
class MembershipStore {

    private static final String SELECT = """
            SELECT m.id, m.team_id, m.user_id, u.username, m.status, m.role, m.roster_slot, m.is_tournament_captain,
                   m.joined_at, m.left_at, m.left_reason
              FROM organizations_membership m
              JOIN accounts_user u ON u.id = m.user_id
            """;

    private static final String COLUMNS = """
            organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                                      is_tournament_captain, joined_at, left_at, left_reason)""";

    private static final String INSERT = "INSERT INTO " + COLUMNS + """

            VALUES (:teamId, :userId, :status, :role, :slot, '', false, now(), NULL, '')
            RETURNING id
            """;

    /**
     * The owner's ACTIVE OWNER membership of each new independent team in {@code source} (rows of
     * {@code id, owner_id}), for {@link TeamStore}'s one-statement creation; organisation teams
     * ({@code owner_id} NULL) get none.
     */
    static final String INSERT_OWNERS_OF = "INSERT INTO " + COLUMNS + """

            SELECT id, owner_id, 'ACTIVE', 'OWNER', NULL, '', false, now(), NULL, '' FROM %s WHERE owner_id IS NOT NULL
            """;

    private static final String ACTIVE_ROLE = """
            SELECT role FROM organizations_membership WHERE team_id = :teamId AND user_id = :userId AND status = 'ACTIVE'
            """;

    private static final String HAS_ACTIVE_OWNER = """
            SELECT EXISTS (SELECT 1 FROM organizations_membership
                            WHERE team_id = :teamId AND role = 'OWNER' AND status = 'ACTIVE')
            """;

    private static final String UPDATE_ROLE = """
            UPDATE organizations_membership SET role = :role, roster_slot = :slot WHERE id = :id
            """;

    // Removing an inactive row again keeps when and why it was left.
    private static final String DEACTIVATE = """
            UPDATE organizations_membership
               SET left_at = CASE WHEN status = 'INACTIVE' AND left_at IS NOT NULL THEN left_at ELSE now() END,
                   left_reason = CASE WHEN status = 'INACTIVE' AND left_at IS NOT NULL THEN left_reason
                                      ELSE 'Removed by manager' END,
                   status = 'INACTIVE'
             WHERE id = :id
            """;

    private final JdbcClient jdbc;

    MembershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Membership> byId(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = :id")
                .param("id", id)
                .query(MembershipStore::map)
                .optional();
    }

    /** The membership, its row locked until the end of the transaction. */
    Optional<Membership> lock(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = :id FOR UPDATE OF m")
                .param("id", id)
                .query(MembershipStore::map)
                .optional();
    }

    /** The ACTIVE roster in roster order: role (OWNER first), then who joined first. */
    List<Membership> activeRoster(long teamId) {
        List<Membership> members = jdbc.sql(
                        SELECT + " WHERE m.team_id = :teamId AND m.status = 'ACTIVE' ORDER BY m.joined_at, m.id")
                .param("teamId", teamId)
                .query(MembershipStore::map)
                .list();
        return members.stream().sorted(Comparator.comparing(Membership::role)).toList();
    }

    Optional<TeamRole> activeRole(long teamId, long userId) {
        return jdbc.sql(ACTIVE_ROLE)
                .param("teamId", teamId)
                .param("userId", userId)
                .query(String.class)
                .optional()
                .map(TeamRole::ofStored);
    }

    boolean hasActiveOwner(long teamId) {
        return jdbc.sql(HAS_ACTIVE_OWNER)
                .param("teamId", teamId)
                .query(Boolean.class)
                .single();
    }

    long insert(long teamId, long userId, TeamRole role, RosterSlot slot, boolean active) {
        return jdbc.sql(INSERT)
                .param("teamId", teamId)
                .param("userId", userId)
                .param("status", (active ? MembershipStatus.ACTIVE : MembershipStatus.INVITED).name())
                .param("role", role.name())
                .param("slot", slot == null ? null : slot.name())
                .query(Long.class)
                .single();
    }

    void updateRole(long id, TeamRole role, String slot) {
        jdbc.sql(UPDATE_ROLE)
                .param("id", id)
                .param("role", role.name())
                .param("slot", slot)
                .update();
    }

    void deactivate(long id) {
        jdbc.sql(DEACTIVATE).param("id", id).update();
    }

    private static Membership map(ResultSet rs, int row) throws SQLException {
        return new Membership(
                rs.getLong("id"),
                rs.getLong("team_id"),
                rs.getLong("user_id"),
                rs.getString("username"),
                MembershipStatus.ofStored(rs.getString("status")),
                TeamRole.ofStored(rs.getString("role")),
                rs.getString("roster_slot"),
                rs.getBoolean("is_tournament_captain"),
                rs.getObject("joined_at", OffsetDateTime.class),
                rs.getObject("left_at", OffsetDateTime.class),
                rs.getString("left_reason"));
    }
}
