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
}
