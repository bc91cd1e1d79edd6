package gg.deltacrown.legacy;

import java.util.List;
import java.util.Set;

/**
 * How the legacy shadow of one mapped vNext team differs from what the shadow writer would make of
 * the team's current vNext state ({@link ShadowCheck}). Empty when it does not differ.
 *
 * @param legacyTeamMissing the mapped legacy team does not exist (nothing else is compared)
 * @param teamColumns the {@code teams_team} columns that differ, named as {@link ShadowSql#teamColumns}
 * @param members the memberships that differ, one entry per membership and difference
 * @param comparedMemberships the legacy rows the writer would leave for the team's mirrored members
 * @param membershipsWithoutProfile vNext memberships whose user has no profile (never mirrored)
 */
public record ShadowDifferences(
        long vnextTeamId,
        long legacyTeamId,
        boolean legacyTeamMissing,
        Set<String> teamColumns,
        List<MemberDifference> members,
        int comparedMemberships,
        int membershipsWithoutProfile) {

    /** What differs about one membership. */
    public enum MemberColumn {
        /** A mirrored vNext membership has no legacy row. */
        MISSING,
        /** A legacy row whose user has no membership in the vNext team. */
        EXTRA,
        ROLE,
        STATUS,
        LEFT_AT,
        IS_CAPTAIN,
        ROSTER_SLOT,
        PLAYER_ROLE,
        /** An OWNER row without every permission flag. */
        PERMISSIONS
    }

    /**
     * @param vnextMembershipId null for {@link MemberColumn#EXTRA}
     * @param legacyMembershipId null for {@link MemberColumn#MISSING}
     */
    public record MemberDifference(
            MemberColumn column, Long vnextMembershipId, Long legacyMembershipId, long profileId) {}

    public boolean isEmpty() {
        return !legacyTeamMissing && teamColumns.isEmpty() && members.isEmpty();
    }
}
