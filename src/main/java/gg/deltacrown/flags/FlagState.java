package gg.deltacrown.flags;

import java.time.OffsetDateTime;

/**
 * A flag's effective value and where it came from.
 *
 * @param source {@code default}, {@code env} or {@code runtime}
 */
public record FlagState(
        Flag flag, String value, String source, String changedBy, OffsetDateTime changedAt, String reason) {

    static FlagState defaultOf(Flag flag) {
        return new FlagState(flag, flag.defaultValue(), "default", null, null, "");
    }

    public boolean isOn() {
        return "true".equals(value);
    }

    /** {@code default}, {@code env}, or {@code runtime by <user> at <time>} (DESIGN section 8). */
    public String describeSource() {
        if ("runtime".equals(source)) {
            return "runtime by " + changedBy + " at " + changedAt;
        }
        return source;
    }
}
