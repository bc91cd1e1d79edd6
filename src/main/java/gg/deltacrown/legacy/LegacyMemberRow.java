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

    /**
     * This wanted row and the {@code actual} one agree on the columns the writer sets (joined_at is
     * kept on update; permissions follow the role: an OWNER wants every flag of the actual row on).
     * Not symmetric: call it on the wanted row.
     */
    boolean sameState(LegacyMemberRow actual) {
        return Objects.equals(role, actual.role)
                && Objects.equals(status, actual.status)
                && Objects.equals(rosterSlot, actual.rosterSlot)
                && Objects.equals(playerRole, actual.playerRole)
                && captain == actual.captain
                && sameInstant(leftAt, actual.leftAt)
                && (!"OWNER".equals(role) || actual.allPermissions)
                && sameLink(vnextMembershipId, actual.vnextMembershipId)
                && sameLink(vnextRole, actual.vnextRole)
                && promoted == actual.promoted
                && heldBack == actual.heldBack;
    }

    /**
     * The links to the vNext membership differ only when both rows have one: a row Django wrote, or
     * one {@code backfill} adopted, has none ({@code role_metadata} is {@code {}}), and is not
     * rewritten for them alone; they ride along with the next change the row needs. Nothing reads
     * them but the writer's record of a promotion, which {@code promoted} already makes a change
     * (docs/adr/0015-legacy-shadow-mapping.md).
     */
    private static boolean sameLink(Object a, Object b) {
        return a == null || b == null || a.equals(b);
    }

    static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }
}
