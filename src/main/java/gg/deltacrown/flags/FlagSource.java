package gg.deltacrown.flags;

import java.util.Arrays;

/**
 * Where a flag's value comes from: its default, the environment of {@code serve} at start-up, or a
 * runtime change (API, ops page, CLI). Stored as {@link #value()}.
 */
public enum FlagSource {
    DEFAULT("default"),
    ENV("env"),
    RUNTIME("runtime");

    private final String value;

    FlagSource(String value) {
        this.value = value;
    }

    /** How the source is stored, shown and logged: {@code default}, {@code env} or {@code runtime}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The source of a stored row; only this service writes these tables. */
    static FlagSource ofStored(String value) {
        return Arrays.stream(values())
                .filter(source -> source.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown flag source '" + value + "' in the database"));
    }
}
