package gg.deltacrown.migration;

import gg.deltacrown.legacy.LegacyRankings;
import gg.deltacrown.legacy.LegacyShadows;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.ShadowRequest;
import gg.deltacrown.legacy.ShadowResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one sync-and-verify path of the dispatcher and of strict mode, inside the caller's
 * transaction: lock the teams of the changes and read their rows (one statement), then their
 * members, map rows and rankings (one more, {@link VnextState}), bring the legacy shadows to that
 * state (a ranked vNext team's shadow gets its legacy ranking row), upsert the map rows with the
 * verification, and say per change whether it is done or why it is blocked.
 */
@Component
class ShadowSync {

    private final VnextState vnext;
    private final MigrationMap map;
    private final LegacyShadows shadows;
    private final LegacyRankings rankings;

    ShadowSync(VnextState vnext, MigrationMap map, LegacyShadows shadows, LegacyRankings rankings) {
        this.vnext = vnext;
        this.map = map;
        this.shadows = shadows;
        this.rankings = rankings;
    }

    /** A vNext change to mirror: an outbox row, or a strict-mode change inside its request. */
    interface Change {
        SyncOperation operation();

        long teamId();

        Long membershipId();

        Long actorUserId();
    }

    /** The outcome per vNext team; teams that no longer exist in vNext are reported as missing. */
    record Outcome(Map<Long, ShadowResult> results, Set<Long> missingTeams) {

        /**
         * Why a change cannot be mirrored however often it is retried, or empty when it was: its
         * team is gone, or its member (for a team creation: any member) has no user profile, so no
         * legacy membership can exist for them. The outbox blocks such a row at once; strict mode
         * fails the request.
         */
        Optional<String> whyBlocked(Change change) {
            if (missingTeams.contains(change.teamId())) {
                return Optional.of("vnext_team_not_found");
            }
            Set<Long> withoutProfile = results.get(change.teamId()).membershipsWithoutProfile();
            boolean affected = change.membershipId() != null
                    ? withoutProfile.contains(change.membershipId())
                    : change.operation() == SyncOperation.TEAM_CREATED && !withoutProfile.isEmpty();
            return affected ? Optional.of("user_profile_not_found") : Optional.empty();
        }

        ShadowResult result(Change change) {
            return results.get(change.teamId());
        }
    }

    /**
     * Mirrors the teams of these changes, inside the caller's transaction. A team's map row records
     * as {@code migrated_by_id} who created it, else who made its first change in the batch.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome mirror(Collection<? extends Change> changes, LegacyWriteReason reason) {
        Set<Long> teams = new LinkedHashSet<>();
        Map<Long, Long> actors = new HashMap<>();
        for (Change change : changes) {
            teams.add(change.teamId());
            if (change.actorUserId() != null
                    && (change.operation() == SyncOperation.TEAM_CREATED || !actors.containsKey(change.teamId()))) {
                actors.put(change.teamId(), change.actorUserId());
            }
        }
        return sync(teams, actors, reason);
    }

    private Outcome sync(Collection<Long> teamIds, Map<Long, Long> actors, LegacyWriteReason reason) {
        // Sorted, so two dispatchers locking overlapping batches cannot deadlock.
        TreeSet<Long> ids = new TreeSet<>(teamIds);
        var teams = vnext.lockTeams(ids);
        VnextState.Details details = vnext.details(teams.keySet());
        List<ShadowRequest> requests = new ArrayList<>();
        teams.forEach((id, team) -> requests.add(new ShadowRequest(
                team, details.membersOf(id), details.legacyIds().get(id))));
        List<ShadowResult> results = shadows.apply(requests, reason);
        map.record(results, actors);

        Map<Long, ShadowResult> byTeam = new HashMap<>();
        results.forEach(result -> byTeam.put(result.vnextTeamId(), result));
        rankings.ensure(
                details.ranked().stream()
                        .map(id -> byTeam.get(id).legacyTeamId())
                        .toList(),
                reason);
        Set<Long> missing = new TreeSet<>(ids);
        missing.removeAll(teams.keySet());
        return new Outcome(byTeam, missing);
    }
}
