package gg.deltacrown.validation;

import gg.deltacrown.legacy.ShadowDifferences.MemberColumn;
import java.util.Locale;

/**
 * What can differ between a vNext team and its legacy shadow, as the full verification counts it
 * (one per pair and kind). {@link #id()} is the lower_snake_case word of the ids file, the report
 * and the {@code kind} label of {@code deltacrown_drift_pairs}.
 */
public enum DriftKind {
    /** A vNext team with no legacy shadow: no map row, or a map row whose legacy team is gone. */
    MISSING_SHADOW,
    /** A map row whose vNext team is gone while its legacy team exists. */
    MISSING_VNEXT,
    NAME,
    SLUG,
    GAME,
    REGION,
    DESCRIPTION,
    LOGO,
    BANNER,
    LOGO_URL,
    /** {@code is_active} or {@code is_public} is not the vNext status. */
    ACTIVE,
    /** One side has a ranking row, the other has not. */
    RANKING,
    MEMBERSHIP_MISSING,
    MEMBERSHIP_EXTRA,
    MEMBERSHIP_ROLE,
    MEMBERSHIP_STATUS,
    MEMBERSHIP_LEFT_AT,
    MEMBERSHIP_CAPTAIN,
    MEMBERSHIP_ROSTER_SLOT,
    MEMBERSHIP_PLAYER_ROLE,
    MEMBERSHIP_PERMISSIONS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isMembership() {
        return name().startsWith("MEMBERSHIP_");
    }

    public static java.util.Optional<DriftKind> byId(String id) {
        for (DriftKind kind : values()) {
            if (kind.id().equals(id)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }

    /** The kind of a differing {@code teams_team} column ({@code gg.deltacrown.legacy.ShadowSql} names). */
    static DriftKind ofTeamColumn(String column) {
        return switch (column) {
            case "banner_image" -> BANNER;
            case "is_active", "is_public" -> ACTIVE;
            default -> valueOf(column.toUpperCase(Locale.ROOT));
        };
    }

    static DriftKind ofMemberColumn(MemberColumn column) {
        return switch (column) {
            case MISSING -> MEMBERSHIP_MISSING;
            case EXTRA -> MEMBERSHIP_EXTRA;
            case ROLE -> MEMBERSHIP_ROLE;
            case STATUS -> MEMBERSHIP_STATUS;
            case LEFT_AT -> MEMBERSHIP_LEFT_AT;
            case IS_CAPTAIN -> MEMBERSHIP_CAPTAIN;
            case ROSTER_SLOT -> MEMBERSHIP_ROSTER_SLOT;
            case PLAYER_ROLE -> MEMBERSHIP_PLAYER_ROLE;
            case PERMISSIONS -> MEMBERSHIP_PERMISSIONS;
        };
    }
}
