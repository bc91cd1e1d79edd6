package gg.deltacrown.teams;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The region codes a team may have; a team may also have none ({@code ''}). */
public enum Region {
    NA("North America"),
    EU("Europe"),
    APAC("Asia-Pacific"),
    LATAM("Latin America"),
    OCE("Oceania"),
    ME("Middle East"),
    AF("Africa"),
    SA("South America");

    static final String INVALID = "Invalid region code. Valid codes: "
            + Arrays.stream(values()).map(Region::name).collect(Collectors.joining(", "));

    private final String label;

    Region(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Trimmed, upper-cased; empty when it is not a code. */
    public static Optional<Region> parse(String value) {
        String code = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(region -> region.name().equals(code))
                .findFirst();
    }
}
