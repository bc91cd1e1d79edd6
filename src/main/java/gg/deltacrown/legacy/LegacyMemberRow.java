package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A {@code teams_teammembership} row as the shadow writer sees it. {@code id} is null for a
 * planned insert. {@code allPermissions}: all 17 permission flags are true (what an OWNER save
 * guarantees). The {@code vnext*}, {@code promoted} and {@code heldBack} fields live in
 * {@code role_metadata}; {@code heldBack}: the vNext membership is ACTIVE, but the profile is ACTIVE
 * in another legacy team of the same game, so this row is kept PENDING ({@link OneActiveTeamPerGame}).
 */
record LegacyMemberRow(
        Long id,
        long teamId,
        long profileId,
        String role,
        String status,
        String rosterSlot,
        String playerRole,
        boolean captain,
        OffsetDateTime joinedAt,
        OffsetDateTime leftAt,
        boolean allPermissions,
        Long vnextMembershipId,
        String vnextRole,
        boolean promoted,
        boolean heldBack) {

    /** A row to insert as given, not mirrored from a vNext membership. */
    static LegacyMemberRow of(NewLegacyMembership membership) {
        return new LegacyMemberRow(
                null,
                membership.teamId(),
                membership.profileId(),
                membership.role(),
                membership.status(),
                membership.rosterSlot(),
                "",
                false,
                membership.joinedAt(),
                membership.leftAt(),
                LegacyRole.OWNER.equals(membership.role()),
                null,
                null,
                false,
                false);
    }

    boolean activeOwner() {
        return "OWNER".equals(role) && "ACTIVE".equals(status);
    }

    boolean activeCaptain() {
        return captain && "ACTIVE".equals(status);
    }

    LegacyMemberRow promotedToOwner() {
        return new LegacyMemberRow(
                id,
                teamId,
                profileId,
                "OWNER",
                status,
                rosterSlot,
                playerRole,
                captain,
                joinedAt,
                leftAt,
                true,
                vnextMembershipId,
                vnextRole,
                true,
                heldBack);
    }

    /**
     * This row kept PENDING for the one-active-team-per-game rule: not captain, and not OWNER,
     * which the legacy model allows only on an ACTIVE membership.
     */
    LegacyMemberRow heldBackAsPending() {
        return new LegacyMemberRow(
                id,
                teamId,
                profileId,
                LegacyMapping.ACTIVE_ONLY_ROLES.contains(role) ? LegacyMapping.role("PLAYER") : role,
                "PENDING",
                rosterSlot,
                playerRole,
                false,
                joinedAt,
                null,
                allPermissions,
                vnextMembershipId,
                vnextRole,
                false,
                true);
    }

    boolean active() {
        return "ACTIVE".equals(status);
    }

    /** The columns the writer sets (joined_at is kept on update; permissions follow the role). */
    boolean sameState(LegacyMemberRow other) {
        return Objects.equals(role, other.role)
                && Objects.equals(status, other.status)
                && Objects.equals(rosterSlot, other.rosterSlot)
                && Objects.equals(playerRole, other.playerRole)
                && captain == other.captain
                && sameInstant(leftAt, other.leftAt)
                && (!"OWNER".equals(role) || other.allPermissions)
                && Objects.equals(vnextMembershipId, other.vnextMembershipId)
                && Objects.equals(vnextRole, other.vnextRole)
                && promoted == other.promoted
                && heldBack == other.heldBack;
    }

    static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }
}
