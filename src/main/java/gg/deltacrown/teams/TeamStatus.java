package gg.deltacrown.teams;

/**
 * The status of a vNext team ({@code organizations_team.status}, Django's choices). Teams are
 * created ACTIVE; only an ACTIVE team counts for "one independent team per game" and has an
 * active legacy shadow.
 */
public enum TeamStatus {
    ACTIVE,
    DELETED,
    SUSPENDED,
    DISBANDED;

    /**
     * The stored status; a value outside Django's choices (only raw SQL can write one) reads as
     * SUSPENDED: shown, never treated as active (docs/adr/0019-states-are-types-one-insert-per-table.md).
     */
    static TeamStatus ofStored(String value) {
        for (TeamStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return SUSPENDED;
    }
}
