package gg.deltacrown.migration.backfill;

import gg.deltacrown.teams.TeamSlugs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * vNext slugs for the teams of a batch whose legacy slug is taken in vNext or empty: the legacy slug
 * (or the name's slug, or {@code team}) followed by {@code -l<legacy id>}, then {@code -l<id>-2}, …,
 * at most 64 characters (the legacy column, so the shadow's slug is the vNext slug). A candidate is
 * free when no vNext team has it and no other legacy team of the same game does. Deterministic: the
 * same legacy team and the same taken slugs give the same slug.
 */
@Component
class SlugResolver {

    static final int MAX_LENGTH = 64;
    private static final int CANDIDATES_PER_ROUND = 3;
    private static final int ROUNDS = 20;

    private final JdbcClient jdbc;

    SlugResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Conflict(long legacyTeamId, String name, String legacySlug, String legacyGame) {}

    /** The chosen slug per legacy team id (teams are resolved in id order). */
    Map<Long, String> resolve(List<Conflict> conflicts) {
        Map<Long, String> chosen = new LinkedHashMap<>();
        Set<String> takenInBatch = new HashSet<>();
        List<Conflict> open = new ArrayList<>(conflicts);
        for (int round = 0; round < ROUNDS && !open.isEmpty(); round++) {
            int first = round * CANDIDATES_PER_ROUND;
            Map<Long, List<String>> candidates = new HashMap<>();
            Set<String> all = new HashSet<>();
            for (Conflict conflict : open) {
                List<String> list = new ArrayList<>();
                for (int n = first; n < first + CANDIDATES_PER_ROUND; n++) {
                    candidate(conflict, n).ifPresent(list::add);
                }
                candidates.put(conflict.legacyTeamId(), list);
                all.addAll(list);
            }
            Set<String> takenInVnext = new HashSet<>(jdbc.sql(BackfillStatements.TAKEN_VNEXT_SLUGS)
                    .param("slugs", all.toArray(String[]::new))
                    .query(String.class)
                    .list());
            Map<String, Map<String, Long>> legacyHolders = new HashMap<>();
            jdbc.sql(BackfillStatements.LEGACY_SLUG_HOLDERS)
                    .param("slugs", all.toArray(String[]::new))
                    .query((rs, row) -> {
                        legacyHolders
                                .computeIfAbsent(rs.getString("slug"), slug -> new HashMap<>())
                                .put(rs.getString("game"), rs.getLong("id"));
                        return null;
                    })
                    .list();
            List<Conflict> stillOpen = new ArrayList<>();
            for (Conflict conflict : open) {
                String free = candidates.get(conflict.legacyTeamId()).stream()
                        .filter(slug -> !takenInVnext.contains(slug) && !takenInBatch.contains(slug))
                        .filter(slug -> {
                            Long holder =
                                    legacyHolders.getOrDefault(slug, Map.of()).get(conflict.legacyGame());
                            return holder == null || holder == conflict.legacyTeamId();
                        })
                        .findFirst()
                        .orElse(null);
                if (free == null) {
                    stillOpen.add(conflict);
                } else {
                    chosen.put(conflict.legacyTeamId(), free);
                    takenInBatch.add(free);
                }
            }
            open = stillOpen;
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(
                    "no free vNext slug for legacy team " + open.get(0).legacyTeamId());
        }
        return chosen;
    }

    /** The n-th candidate; an empty legacy slug first tries the name's own slug. */
    static Optional<String> candidate(Conflict conflict, int n) {
        boolean empty = conflict.legacySlug() == null || conflict.legacySlug().isEmpty();
        String base = empty ? TeamSlugs.slugify(conflict.name()) : conflict.legacySlug();
        if (base.isEmpty()) {
            base = "team";
        }
        if (n == 0) {
            return empty ? Optional.of(cut(base, MAX_LENGTH)) : Optional.empty();
        }
        String suffix = "-l" + conflict.legacyTeamId() + (n == 1 ? "" : "-" + n);
        return Optional.of(cut(base, MAX_LENGTH - suffix.length()) + suffix);
    }

    private static String cut(String value, int max) {
        String cut = value.length() <= max ? value : value.substring(0, max);
        return cut.replaceAll("-+$", "");
    }
}
