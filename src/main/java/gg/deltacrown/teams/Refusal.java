package gg.deltacrown.teams;

/**
 * Every reason the team module refuses a request, with the error code clients see (docs/adr/0007; the
 * codes keep the original's spelling, lower or upper case) and the kind of refusal, which the web
 * layer turns into an HTTP status.
 */
public enum Refusal {
    VNEXT_CREATION_DISABLED("vnext_creation_disabled", Kind.FORBIDDEN),
    VNEXT_WRITES_DISABLED("vnext_writes_disabled", Kind.FORBIDDEN),
    ORGANIZATION_NOT_FOUND("organization_not_found", Kind.NOT_FOUND),
    PERMISSION_DENIED("permission_denied", Kind.FORBIDDEN),
    ONE_TEAM_PER_GAME("one_independent_team_per_game", Kind.CONFLICT),
    USER_ALREADY_CEO("USER_ALREADY_CEO", Kind.INVALID),
    ORGANIZATION_ALREADY_EXISTS("organization_already_exists", Kind.CONFLICT),
    SLUG_CONFLICT("SLUG_CONFLICT", Kind.CONFLICT),
    TEAM_NOT_FOUND("TEAM_NOT_FOUND", Kind.NOT_FOUND),
    MISSING_FIELDS("MISSING_FIELDS", Kind.INVALID),
    INSUFFICIENT_PERMISSIONS("INSUFFICIENT_PERMISSIONS", Kind.FORBIDDEN),
    INVALID_ROLE("INVALID_ROLE", Kind.INVALID),
    MEMBER_ALREADY_EXISTS("MEMBER_ALREADY_EXISTS", Kind.CONFLICT),
    OWNER_ALREADY_EXISTS("OWNER_ALREADY_EXISTS", Kind.CONFLICT),
    VALIDATION_ERROR("VALIDATION_ERROR", Kind.INVALID),
    USER_NOT_FOUND("USER_NOT_FOUND", Kind.NOT_FOUND),
    MEMBERSHIP_NOT_FOUND("MEMBERSHIP_NOT_FOUND", Kind.NOT_FOUND),
    CANNOT_CHANGE_OWNER("CANNOT_CHANGE_OWNER", Kind.INVALID),
    CANNOT_REMOVE_OWNER("CANNOT_REMOVE_OWNER", Kind.INVALID);

    /** What kind of "no" it is: the input, who asks, what is missing, or what already exists. */
    public enum Kind {
        INVALID,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT
    }

    private final String code;
    private final Kind kind;

    Refusal(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    RefusedException because(String message) {
        return new RefusedException(this, message, null);
    }

    RefusedException because(String message, String safeMessage) {
        return new RefusedException(this, message, safeMessage);
    }
}
