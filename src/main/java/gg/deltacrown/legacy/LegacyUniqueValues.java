package gg.deltacrown.legacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The legacy values that must be unique ({@code name}, {@code tag}, {@code (game, slug)}) and which
 * legacy team holds each one. Planned inserts hold values under the key {@code -vnextTeamId}.
 */
final class LegacyUniqueValues {

    private final Map<String, Long> holders = new HashMap<>();
    private final Map<Long, List<String>> keysByHolder = new HashMap<>();

    void hold(long holder, String name, String tag, String game, String slug) {
        put("name\u0000" + name, holder);
        put("tag\u0000" + tag, holder);
        if (slug != null && !slug.isEmpty()) {
            put("slug\u0000" + game + "\u0000" + slug, holder);
        }
    }

    /** Frees every value the holder had (before it takes its new ones). */
    void release(long holder) {
        List<String> keys = keysByHolder.remove(holder);
        if (keys != null) {
            keys.forEach(key -> holders.remove(key, holder));
        }
    }

    Long nameHolder(String name) {
        return holders.get("name\u0000" + name);
    }

    Long tagHolder(String tag) {
        return holders.get("tag\u0000" + tag);
    }

    Long slugHolder(String game, String slug) {
        return slug == null || slug.isEmpty() ? null : holders.get("slug\u0000" + game + "\u0000" + slug);
    }

    static boolean freeFor(Long holder, long self) {
        return holder == null || Objects.equals(holder, self);
    }

    private void put(String key, long holder) {
        holders.put(key, holder);
        keysByHolder.computeIfAbsent(holder, h -> new ArrayList<>()).add(key);
    }
}
