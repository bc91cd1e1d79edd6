package gg.deltacrown.legacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The legacy values that must be unique ({@code name}, {@code tag}, {@code (game, slug)}) and which
 * legacy team holds each one. Planned inserts hold values under the key {@code -vnextTeamId}.
 */
final class LegacyUniqueValues {

    private final Map<String, Long> names = new HashMap<>();
    private final Map<String, Long> tags = new HashMap<>();
    private final Map<String, Long> slugs = new HashMap<>();

    void hold(long holder, String name, String tag, String game, String slug) {
        names.put(name, holder);
        tags.put(tag, holder);
        if (slug != null && !slug.isEmpty()) {
            slugs.put(game + "\u0000" + slug, holder);
        }
    }

    void release(long holder) {
        names.values().removeIf(value -> value == holder);
        tags.values().removeIf(value -> value == holder);
        slugs.values().removeIf(value -> value == holder);
    }

    Long nameHolder(String name) {
        return names.get(name);
    }

    Long tagHolder(String tag) {
        return tags.get(tag);
    }

    Long slugHolder(String game, String slug) {
        return slug == null || slug.isEmpty() ? null : slugs.get(game + "\u0000" + slug);
    }

    static boolean freeFor(Long holder, long self) {
        return holder == null || Objects.equals(holder, self);
    }
}
