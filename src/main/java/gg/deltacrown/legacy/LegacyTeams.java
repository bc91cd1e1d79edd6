package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Legacy rows written directly rather than mirrored from vNext (module API for the demo data,
 * {@code seed_scale} and the test-data cleanup). The same column lists as the shadow writer
 * ({@link LegacyShadowTables}). Every call runs inside the caller's transaction and first opens
 * the legacy write bypass for it with the caller's reason (the shadow writer role).
 */
@Service
public class LegacyTeams {

    /** The columns a source query of {@link #insertTeams} returns, in this order. */
    public static final String TEAM_SOURCE_COLUMNS = "id, " + LegacyShadowTables.TEAM_SOURCE;

    /** The columns a source query of {@link #insertMemberships} returns, in this order. */
    public static final String MEMBERSHIP_SOURCE_COLUMNS = LegacyShadowTables.MEMBER_SOURCE;

    private final LegacyShadowTables tables;
    private final LegacyTeamRemoval removal;
    private final LegacyWriteBypass bypass;

    LegacyTeams(LegacyShadowTables tables, LegacyTeamRemoval removal, LegacyWriteBypass bypass) {
        this.tables = tables;
        this.removal = removal;
        this.bypass = bypass;
    }

    /** One legacy team; returns its id. */
    public long insertTeam(LegacyWriteReason reason, NewLegacyTeam team, OffsetDateTime createdAt) {
        bypass.open(reason);
        return tables.insertTeams(List.of(LegacyTeamRow.of(team)), List.of(createdAt))
                .get(team.name());
    }

    public void insertMembership(LegacyWriteReason reason, NewLegacyMembership membership) {
        bypass.open(reason);
        tables.insertMembers(List.of(LegacyMemberRow.of(membership)));
    }

    /**
     * The teams a query returns as {@value #TEAM_SOURCE_COLUMNS}, their ids taken from the table's
     * sequence by the caller; returns how many were inserted.
     */
    public int insertTeams(LegacyWriteReason reason, String sourceQuery) {
        bypass.open(reason);
        return tables.insertTeamsWithIds(sourceQuery);
    }

    /**
     * The memberships a query returns as {@value #MEMBERSHIP_SOURCE_COLUMNS} ({@code metadata} is
     * JSON text for {@code role_metadata}); returns how many were inserted.
     */
    public int insertMemberships(LegacyWriteReason reason, String sourceQuery) {
        bypass.open(reason);
        return tables.insertMembersFrom(sourceQuery);
    }

    /**
     * Runs a test-data tool's UPDATE of legacy rows (seed_scale's drift, written as another app
     * would) through the guard, like every other legacy write; returns the rows updated.
     */
    public int update(LegacyWriteReason reason, String updateSql) {
        bypass.open(reason);
        return tables.update(updateSql);
    }

    /**
     * Deletes the teams, their memberships and the rows of every table that points at them;
     * returns the rows deleted per table.
     */
    public Map<String, Integer> deleteTeams(LegacyWriteReason reason, Collection<Long> teamIds) {
        bypass.open(reason);
        return removal.delete(teamIds);
    }
}
