package gg.deltacrown.teams;

import java.util.Locale;
import java.util.Optional;

/** Roles on a vNext team roster, in roster order (OWNER first). */
public enum TeamRole {
    OWNER("Owner"),
    MANAGER("Manager"),
    COACH("Coach"),
    PLAYER("Player"),
    SUBSTITUTE("Substitute"),
    ANALYST("Analyst"),
    SCOUT("Scout");

    private final String label;

    TeamRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** OWNER and MANAGER may change the roster and the settings. */
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

    /**
     * The stored role, read as {@link #parse} reads it; a value outside Django's choices (only raw
     * SQL can write one) reads as PLAYER, which manages nothing
     * (docs/adr/0019-states-are-types-one-insert-per-table.md).
     */
    static TeamRole ofStored(String value) {
        return parse(value).orElse(PLAYER);
    }
}
