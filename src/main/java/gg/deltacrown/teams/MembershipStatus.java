package gg.deltacrown.teams;

/**
 * Where a membership stands ({@code organizations_membership.status}, Django's choices). Only an
 * ACTIVE membership is on the roster and may manage the team.
 */
public enum MembershipStatus {
    ACTIVE,
    INVITED,
    INACTIVE,
    SUSPENDED;

    /**
     * The stored status; a value outside Django's choices (only raw SQL can write one) reads as
     * INACTIVE, which grants nothing (docs/adr/0019-states-are-types-one-insert-per-table.md).
     */
    static MembershipStatus ofStored(String value) {
        for (MembershipStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return INACTIVE;
    }
}
