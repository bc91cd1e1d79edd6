package gg.deltacrown.migration;

import gg.deltacrown.legacy.ShadowRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current vNext state of teams as the shadow writer reads it, with their mapped legacy team:
 * what a sync would bring the legacy rows to (module API, read only). The full verification
 * compares legacy rows with it.
 */
@Component
public class ShadowStates {

    private final VnextState vnext;
    private final MigrationMap map;

    ShadowStates(VnextState vnext, MigrationMap map) {
        this.vnext = vnext;
        this.map = map;
    }

    /** The teams that exist, in no particular order; {@code legacyTeamId} is null for an unmapped team. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ShadowRequest> of(Collection<Long> vnextTeamIds) {
        var teams = vnext.teams(vnextTeamIds);
        var members = vnext.members(teams.keySet());
        Map<Long, Long> legacyIds = map.legacyIds(teams.keySet());
        List<ShadowRequest> requests = new ArrayList<>();
        teams.forEach((id, team) ->
                requests.add(new ShadowRequest(team, members.getOrDefault(id, List.of()), legacyIds.get(id))));
        return requests;
    }
}
