package gg.deltacrown.teams;

import java.time.OffsetDateTime;

/** A place on a vNext team roster ({@code organizations_membership}) with the member's username. */
public record Membership(
        long id,
        long teamId,
        long userId,
        String username,
        String status,
        String role,
        String rosterSlot,
        boolean tournamentCaptain,
        OffsetDateTime joinedAt,
        OffsetDateTime leftAt,
        String leftReason) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INVITED = "INVITED";
    public static final String INACTIVE = "INACTIVE";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean isOwner() {
        return TeamRole.OWNER.name().equals(role);
    }

    /** "Player", "Substitute"… (the stored value for a role we do not know). */
    public String roleLabel() {
        return TeamRole.parse(role).map(TeamRole::label).orElse(role);
    }

    /** accounts_user has no display name column; the API shows the username (spec 2.2). */
    public String displayName() {
        return username;
    }
}
