package gg.deltacrown.migration;

import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.ShadowResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatcher's sync for the migration tools ({@code backfill}, {@code repair}): the same locks
 * on the vNext teams, the same state-based shadow writer, the same read-back verification and map
 * rows, inside the caller's transaction. Module API of {@code gg.deltacrown.migration}.
 */
@Component
public class ShadowResync {

    private final ShadowSync sync;
    private final Outbox outbox;

    ShadowResync(ShadowSync sync, Outbox outbox) {
        this.sync = sync;
        this.outbox = outbox;
    }

    /**
     * What one resync did.
     *
     * @param results per vNext team that exists
     * @param missingTeams vNext team ids that do not exist
     * @param completedOutboxRows BLOCKED outbox rows of these teams the sync has made obsolete (now DONE)
     * @param stillBlocked BLOCKED outbox rows whose reason still holds (a member without a profile)
     */
    public record Outcome(
            Map<Long, ShadowResult> results,
            Set<Long> missingTeams,
            List<Long> completedOutboxRows,
            List<Long> stillBlocked) {}

    /**
     * Brings the legacy shadows of these vNext teams to their current state and records the map
     * rows; BLOCKED outbox rows of the teams are completed when the sync removed their cause, by the
     * dispatcher's own rule.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome resync(Collection<Long> vnextTeamIds, LegacyWriteReason bypassReason, String completedBy) {
        List<Replay> replays = vnextTeamIds.stream().map(Replay::new).toList();
        ShadowSync.Outcome outcome = sync.mirror(replays, bypassReason);
        List<Long> completed = new ArrayList<>();
        List<Long> stillBlocked = new ArrayList<>();
        for (OutboxEntry row : outbox.claimBlocked(vnextTeamIds)) {
            (outcome.whyBlocked(row).isEmpty() ? completed : stillBlocked).add(row.id());
        }
        outbox.complete(completed, completedBy);
        return new Outcome(outcome.results(), outcome.missingTeams(), completed, stillBlocked);
    }

    /** A replay of a team's sync: its state, as a settings change would mirror it, by no one in particular. */
    private record Replay(long teamId) implements ShadowSync.Change {

        @Override
        public SyncOperation operation() {
            return SyncOperation.SETTINGS_UPDATED;
        }

        @Override
        public Long membershipId() {
            return null;
        }

        @Override
        public Long actorUserId() {
            return null;
        }
    }
}
