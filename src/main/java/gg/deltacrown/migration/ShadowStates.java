package gg.deltacrown.migration;

import gg.deltacrown.legacy.ShadowRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    ShadowStates(VnextState vnext) {
        this.vnext = vnext;
    }

    /** The teams that exist, in no particular order; {@code legacyTeamId} is null for an unmapped team. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ShadowRequest> of(Collection<Long> vnextTeamIds) {
        var teams = vnext.teams(vnextTeamIds);
        VnextState.Details details = vnext.details(teams.keySet());
        List<ShadowRequest> requests = new ArrayList<>();
        teams.forEach((id, team) -> requests.add(new ShadowRequest(
                team, details.membersOf(id), details.legacyIds().get(id))));
        return requests;
    }
}
