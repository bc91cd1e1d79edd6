package gg.deltacrown.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A throttle rate as Django REST framework writes it: {@code 100/hour}, {@code 5/minute},
 * {@code 10/s}… ({@code second}, {@code minute}, {@code hour}, {@code day} or their first letter).
 * {@code off} (or {@code none}) means no limit.
 */
record Rate(int requests, Duration period) {

    Rate {
        if (requests < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate needs at least one request per positive period");
        }
    }

    /** Empty for {@code off}; {@link IllegalArgumentException} naming the setting for anything invalid. */
    static Optional<Rate> parse(String setting, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("off") || text.equals("none")) {
            return Optional.empty();
        }
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2 && !parts[1].isEmpty()) {
                int requests = Integer.parseInt(parts[0].trim());
                Duration period = switch (parts[1].trim().charAt(0)) {
                    case 's' -> Duration.ofSeconds(1);
                    case 'm' -> Duration.ofMinutes(1);
                    case 'h' -> Duration.ofHours(1);
                    case 'd' -> Duration.ofDays(1);
                    default -> throw new IllegalArgumentException();
                };
                return Optional.of(new Rate(requests, period));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid value '" + value + "' for " + setting
                + " (expected N/second, N/minute, N/hour, N/day or off)");
    }
}
