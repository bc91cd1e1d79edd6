package gg.deltacrown.flags;

import java.time.OffsetDateTime;

/**
 * A flag's effective value and where it came from.
 *
 */
public record FlagState(
        Flag flag, String value, FlagSource source, String changedBy, OffsetDateTime changedAt, String reason) {

    static FlagState defaultOf(Flag flag) {
        return new FlagState(flag, flag.defaultValue(), FlagSource.DEFAULT, null, null, "");
    }

    public boolean isOn() {
        return "true".equals(value);
    }

    /** {@code default}, {@code env}, or {@code runtime by <user> at <time>}, as {@code flags} prints it. */
    public String describeSource() {
        if (source == FlagSource.RUNTIME) {
            return "runtime by " + changedBy + " at " + changedAt;
        }
        return source.value();
    }
}
