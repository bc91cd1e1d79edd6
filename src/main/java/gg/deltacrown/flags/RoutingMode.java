package gg.deltacrown.flags;

import java.util.Arrays;
import java.util.Optional;

/** {@code TEAM_VNEXT_ROUTING_MODE}: which side serves teams. Only {@link #LEGACY_ONLY} refuses vNext creation. */
public enum RoutingMode {
    LEGACY_ONLY("legacy_only"),
    AUTO("auto"),
    VNEXT_PRIMARY("vnext_primary"),
    VNEXT_ONLY("vnext_only");

    private final String value;

    RoutingMode(String value) {
        this.value = value;
    }

    /** The flag's value, as the runbooks write it. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The mode of a normalised flag value. */
    static Optional<RoutingMode> of(String value) {
        return Arrays.stream(values()).filter(mode -> mode.value.equals(value)).findFirst();
    }
}
