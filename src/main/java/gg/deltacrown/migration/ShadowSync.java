package gg.deltacrown.migration;

import gg.deltacrown.legacy.LegacyShadows;
import gg.deltacrown.legacy.ShadowRequest;
import gg.deltacrown.legacy.ShadowResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One sync of a set of vNext teams, inside the caller's transaction: lock the teams, read their
 * current vNext state, bring the legacy shadows to it, upsert the map rows with the verification.
 */
@Component
class ShadowSync {

    /** Namespace of the per-team advisory locks ("DCDW"). */
    private static final int LOCK_NAMESPACE = 0x44434457;

    private static final String LOCK_TEAMS = """
            SELECT count(pg_advisory_xact_lock(:namespace, (id % 2147483647)::integer))
              FROM unnest(:ids::bigint[]) AS t(id)
            """;

    private final JdbcClient jdbc;
    private final VnextState vnext;
    private final MigrationMap map;
    private final LegacyShadows shadows;

    ShadowSync(JdbcClient jdbc, VnextState vnext, MigrationMap map, LegacyShadows shadows) {
        this.jdbc = jdbc;
        this.vnext = vnext;
        this.map = map;
        this.shadows = shadows;
    }

    /** The outcome per vNext team; teams that no longer exist in vNext are reported as missing. */
    record Outcome(Map<Long, ShadowResult> results, Set<Long> missingTeams) {}

    @Transactional(propagation = Propagation.MANDATORY)
    Outcome sync(Collection<Long> teamIds, Map<Long, Long> actors, String bypassReason) {
        // Sorted, so two dispatchers locking overlapping batches cannot deadlock.
        TreeSet<Long> ids = new TreeSet<>(teamIds);
        jdbc.sql(LOCK_TEAMS).param("namespace", LOCK_NAMESPACE).param("ids", ids.toArray(Long[]::new))
                .query(Long.class).single();
        var teams = vnext.teams(ids);
        var members = vnext.members(teams.keySet());
        Map<Long, Long> legacyIds = map.legacyIds(teams.keySet());
        List<ShadowRequest> requests = new ArrayList<>();
        teams.forEach((id, team) -> requests.add(
                new ShadowRequest(team, members.getOrDefault(id, List.of()), legacyIds.get(id))));
        List<ShadowResult> results = shadows.apply(requests, bypassReason);
        map.record(results, actors);

        Map<Long, ShadowResult> byTeam = new HashMap<>();
        results.forEach(result -> byTeam.put(result.vnextTeamId(), result));
        Set<Long> missing = new TreeSet<>(ids);
        missing.removeAll(teams.keySet());
        return new Outcome(byTeam, missing);
    }
}
