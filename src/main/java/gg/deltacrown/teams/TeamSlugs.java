package gg.deltacrown.teams;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Slugs as Django's {@code slugify} makes them, and the free slug for a new team:
 * {@code base}, then {@code base-1}, {@code base-2}… A name without ASCII letters or digits gets
 * the base {@value #FALLBACK} instead of the original's empty slug.
 */
public final class TeamSlugs {

    static final String FALLBACK = "team";
    /** Leaves room for a suffix within {@code organizations_team.slug varchar(100)}. */
    static final int MAX_BASE_LENGTH = 90;

    private TeamSlugs() {}

    /**
     * Django's {@code slugify}: NFKD, drop non-ASCII, lower-case, keep word characters, spaces and
     * hyphens, collapse runs of spaces and hyphens into one hyphen, strip {@code -} and {@code _}
     * at both ends.
     */
    public static String slugify(String value) {
        String ascii = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("[^\\x00-\\x7F]", "");
        StringBuilder kept = new StringBuilder(ascii.length());
        for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
            if (isWord(c) || c == '-' || isSpace(c)) {
                kept.append(c);
            }
        }
        StringBuilder slug = new StringBuilder(kept.length());
        boolean inRun = false;
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            if (c == '-' || isSpace(c)) {
                if (!inRun) {
                    slug.append('-');
                }
                inRun = true;
            } else {
                slug.append(c);
                inRun = false;
            }
        }
        return strip(slug.toString());
    }

    /** The slug a team with this name starts from: never empty, at most {@value #MAX_BASE_LENGTH} characters. */
    static String base(String name) {
        String slug = slugify(name);
        if (slug.length() > MAX_BASE_LENGTH) {
            slug = strip(slug.substring(0, MAX_BASE_LENGTH));
        }
        return slug.isEmpty() ? FALLBACK : slug;
    }

    /** The first of {@code base}, {@code base-1}, {@code base-2}… that is not taken. */
    static String firstFree(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 1; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** Python's {@code \s} on ASCII text. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
    }

    private static String strip(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && (slug.charAt(start) == '-' || slug.charAt(start) == '_')) {
            start++;
        }
        while (end > start && (slug.charAt(end - 1) == '-' || slug.charAt(end - 1) == '_')) {
            end--;
        }
        return slug.substring(start, end);
    }
}
