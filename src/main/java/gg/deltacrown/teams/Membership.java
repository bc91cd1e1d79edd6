package gg.deltacrown.teams;

import java.time.OffsetDateTime;

/** A place on a vNext team roster ({@code organizations_membership}) with the member's username. */
public record Membership(
        long id,
        long teamId,
        long userId,
        String username,
        MembershipStatus status,
        TeamRole role,
        String rosterSlot,
        boolean tournamentCaptain,
        OffsetDateTime joinedAt,
        OffsetDateTime leftAt,
        String leftReason) {

    public boolean isActive() {
        return status == MembershipStatus.ACTIVE;
    }

    public boolean isOwner() {
        return role == TeamRole.OWNER;
    }

    /** "Player", "Substitute"… */
    public String roleLabel() {
        return role.label();
    }

    /** accounts_user has no display name column; the API shows the username. */
    public String displayName() {
        return username;
    }
}
