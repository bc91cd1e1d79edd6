package gg.deltacrown.teams;

import java.util.Locale;
import java.util.Optional;

/** Where a member plays in the roster ({@code organizations_membership.roster_slot}). */
public enum RosterSlot {
    STARTER,
    SUBSTITUTE,
    COACH,
    ANALYST;

    /** Case-insensitive; empty for anything that is not a slot. */
    public static Optional<RosterSlot> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (RosterSlot slot : values()) {
            if (slot.name().equals(name)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }
}
