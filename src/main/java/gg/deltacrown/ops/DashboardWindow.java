package gg.deltacrown.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The time ranges the dashboard charts: per-minute buckets over the last hour or day. */
public enum DashboardWindow {
    HOUR(60),
    DAY(24 * 60);

    private final int minutes;

    DashboardWindow(int minutes) {
        this.minutes = minutes;
    }

    public int minutes() {
        return minutes;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code hour} or {@code day}, ignoring case; empty for anything else. */
    public static Optional<DashboardWindow> byLabel(String label) {
        return Arrays.stream(values())
                .filter(window -> window.label().equalsIgnoreCase(label == null ? "" : label.strip()))
                .findFirst();
    }
}
