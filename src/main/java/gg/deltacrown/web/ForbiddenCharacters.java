package gg.deltacrown.web;

/**
 * Characters no text input may carry: NUL, which PostgreSQL cannot store in {@code text}, and a
 * lone UTF-16 surrogate, which has no UTF-8 encoding. Either would fail deep inside a query (a 500);
 * found at the edge, they are a 400 naming the field, with Django REST framework's messages.
 */
final class ForbiddenCharacters {

    static final String NULL_CHARACTER = "Null characters are not allowed.";

    private ForbiddenCharacters() {}

    /** The message for the first forbidden character of {@code value}, or null when it has none. */
    static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return NULL_CHARACTER;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("Surrogate characters are not allowed: U+%04X.", (int) c);
            }
        }
        return null;
    }
}
