package gg.deltacrown.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The report's text is an interface (operators and scripts match on it), and the original wrote it
 * with Python's format specifiers. These reproduce them exactly: {@code {x:.2f}} rounds the exact
 * binary value half-to-even (Java's {@code %.2f} rounds half-up, so 0.125 would differ),
 * {@code {n:,}} groups thousands with commas, {@code isoformat()} omits zero microseconds.
 */
public final class PythonFormat {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);

    private PythonFormat() {}

    /** {@code f"{value:.Nf}"}. */
    public static String fixed(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code f"{value:+.Nf}"}. */
    public static String signedFixed(double value, int places) {
        String text = fixed(value, places);
        return text.startsWith("-") ? text : "+" + text;
    }

    /** {@code f"{value:+d}"}. */
    public static String signed(long value) {
        return value < 0 ? Long.toString(value) : "+" + value;
    }

    /** {@code f"{value:,}"}. */
    public static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code str(value)} of a bool. */
    public static String bool(boolean value) {
        return value ? "True" : "False";
    }

    /** {@code str(value)} of a float: Python and Java print the shortest representation alike in this range. */
    public static String number(double value) {
        return Double.toString(value);
    }

    /** {@code datetime.isoformat()} of an aware UTC time: {@code 2026-01-25T14:06:48.715523+00:00}. */
    public static String isoTimestamp(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc) + OFFSET.format(utc);
    }

    /** Rounds as Python's {@code round(value, places)} does (half-to-even on the exact binary value). */
    public static double round(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }
}
