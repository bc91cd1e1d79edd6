package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Plain legacy rows, for the demo data and tests: the same inserts as the shadow writer (every
 * NOT NULL column set, the permission cache of spec 2.12). Callers open the
 * {@link LegacyWriteBypass} first.
 */
@Repository
public class LegacyTeams {

    private final LegacyShadowTables tables;

    LegacyTeams(LegacyShadowTables tables) {
        this.tables = tables;
    }

    public long insertTeam(NewLegacyTeam team, OffsetDateTime createdAt) {
        LegacyTeamRow row = new LegacyTeamRow(
                null,
                team.name(),
                team.tag(),
                team.slug(),
                team.game(),
                team.region() == null ? "" : team.region(),
                team.description() == null ? "" : team.description(),
                team.logo(),
                team.bannerImage(),
                team.logoUrl(),
                team.active());
        return tables.insertTeams(List.of(row), List.of(createdAt)).get(team.name());
    }

    public void insertMembership(
            long teamId,
            long profileId,
            String role,
            String status,
            String rosterSlot,
            OffsetDateTime joinedAt,
            OffsetDateTime leftAt) {
        tables.insertMembers(List.of(new LegacyMemberRow(
                null,
                teamId,
                profileId,
                role,
                status,
                rosterSlot,
                "",
                false,
                joinedAt,
                leftAt,
                "OWNER".equals(role),
                null,
                null,
                false)));
    }
}
