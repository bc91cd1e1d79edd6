package gg.deltacrown.teams;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field checks with Django REST framework's semantics and messages, so that clients of the
 * original see the same {@code details}: strings are trimmed, then blank, length, format.
 * Each check records at most one message and returns the clean value, or null when invalid.
 */
final class FieldRules {

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String INVALID_URL = "Enter a valid URL.";
    static final String INVALID_COLOR = "Color must be hex format (e.g., #FF5733)";

    private static final List<String> URL_SCHEMES = List.of("http", "https", "ftp", "ftps");
    private static final Pattern COLOR = Pattern.compile("#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})");
    private static final Pattern SLUG = Pattern.compile("[-a-zA-Z0-9_]+");

    private FieldRules() {}

    /** A trimmed string: null stays null (absent), blank gives {@code ""} when allowed. */
    static String text(FieldErrors errors, String field, String raw, boolean required, int min, int max) {
        if (raw == null) {
            if (required) {
                errors.add(field, REQUIRED);
            }
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(field, BLANK);
                return null;
            }
            return "";
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            errors.add(field, "Ensure this field has no more than " + max + " characters.");
            return null;
        }
        if (length < min) {
            errors.add(field, "Ensure this field has at least " + min + " characters.");
            return null;
        }
        return value;
    }

    static Long integer(FieldErrors errors, String field, Long value, boolean required, long min, long max) {
        if (value == null) {
            if (required) {
                errors.add(field, REQUIRED);
            }
            return null;
        }
        if (value < min) {
            errors.add(field, "Ensure this value is greater than or equal to " + min + ".");
            return null;
        }
        if (value > max) {
            errors.add(field, "Ensure this value is less than or equal to " + max + ".");
            return null;
        }
        return value;
    }

    /** Optional URL (http, https, ftp, ftps with a host), blank allowed. */
    static String url(FieldErrors errors, String field, String raw, int max) {
        String value = text(errors, field, raw, false, 0, max);
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!isUrl(value)) {
            errors.add(field, INVALID_URL);
            return null;
        }
        return value;
    }

    /** Optional {@code #RGB} or {@code #RRGGBB}, blank allowed. */
    static String color(FieldErrors errors, String field, String raw) {
        String value = text(errors, field, raw, false, 0, 7);
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!COLOR.matcher(value).matches()) {
            errors.add(field, INVALID_COLOR);
            return null;
        }
        return value;
    }

    /** Optional slug (letters, digits, {@code _}, {@code -}), lower-cased, blank allowed. */
    static String slug(FieldErrors errors, String field, String raw, int max) {
        String value = text(errors, field, raw, false, 0, max);
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!SLUG.matcher(value).matches()) {
            errors.add(field, "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Optional region code: blank gives {@code ""}, otherwise trimmed and upper-cased. */
    static String region(FieldErrors errors, String field, String raw, int max) {
        String value = text(errors, field, raw, false, 0, max);
        if (value == null || value.isEmpty()) {
            return value;
        }
        return Region.parse(value).map(Region::name).orElseGet(() -> {
            errors.add(field, Region.INVALID);
            return null;
        });
    }

    private static boolean isUrl(String value) {
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null
                    && URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
