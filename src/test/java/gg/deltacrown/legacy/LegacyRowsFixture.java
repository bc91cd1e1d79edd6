package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legacy rows for tests on any database, written by the shadow writer's own inserts
 * ({@link LegacyShadowTables}), so fixtures never retype the legacy column lists. The caller's
 * transaction opens the legacy write guard.
 */
public final class LegacyRowsFixture {

    private final JdbcClient jdbc;
    private final LegacyShadowTables tables;

    public LegacyRowsFixture(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tables = new LegacyShadowTables(jdbc);
    }

    /** A legacy team; returns its id. */
    public long team(NewLegacyTeam team, OffsetDateTime createdAt) {
        return tables.insertTeams(List.of(LegacyTeamRow.of(team)), List.of(createdAt))
                .get(team.name());
    }

    /** A legacy membership; returns its id. */
    public long membership(NewLegacyMembership membership) {
        tables.insertMembers(List.of(LegacyMemberRow.of(membership)));
        return jdbc.sql("SELECT id FROM teams_teammembership WHERE team_id = :team AND profile_id = :profile")
                .param("team", membership.teamId())
                .param("profile", membership.profileId())
                .query(Long.class)
                .single();
    }
}
