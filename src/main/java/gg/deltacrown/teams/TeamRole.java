package gg.deltacrown.teams;

import java.util.Locale;
import java.util.Optional;

/** Roles on a vNext team roster, in roster order (spec 2.6, 6.1). */
public enum TeamRole {
    OWNER("Owner"),
    MANAGER("Manager"),
    COACH("Coach"),
    PLAYER("Player"),
    SUBSTITUTE("Substitute"),
    ANALYST("Analyst"),
    SCOUT("Scout");

    private static final int UNKNOWN_RANK = 99;

    private final String label;

    TeamRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** OWNER and MANAGER may change the roster and the settings (spec 6.2). */
    public boolean managesTeam() {
        return this == OWNER || this == MANAGER;
    }

    /** Case-insensitive; empty for anything that is not a role. */
    public static Optional<TeamRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (TeamRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Roster order: OWNER 1 … SCOUT 7, anything else (legacy data) 99. */
    public static int rankOf(String role) {
        return parse(role).map(r -> r.ordinal() + 1).orElse(UNKNOWN_RANK);
    }
}
