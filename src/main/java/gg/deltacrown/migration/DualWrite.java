package gg.deltacrown.migration;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.legacy.ShadowResult;
import gg.deltacrown.teams.MemberAdded;
import gg.deltacrown.teams.MemberRemoved;
import gg.deltacrown.teams.MemberRoleChanged;
import gg.deltacrown.teams.TeamCreated;
import gg.deltacrown.teams.TeamSettingsChanged;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dual-write's entry point: listens to the team module's events inside the transaction that
 * published them (docs/adr/0018-teams-publish-events-migration-listens.md) and records each as a
 * {@link ShadowChange}.
 *
 * <p>With dual-write off it does nothing. Otherwise it stores an outbox row in that same
 * transaction (so the change and the promise to mirror it commit or roll back together) and logs
 * {@code dual_write_scheduled}; the dispatcher mirrors it after commit. The request transaction
 * never touches a {@code teams_*} table. In strict mode the shadow write runs right here, inside the
 * transaction, and a failure throws {@link DualWriteFailedException} so the whole request rolls
 * back.
 */
@Service
public class DualWrite {

    private final Flags flags;
    private final Outbox outbox;
    private final ShadowSync sync;
    private final DualWriteEvents events;
    private final ApplicationEventPublisher publisher;

    DualWrite(
            Flags flags, Outbox outbox, ShadowSync sync, DualWriteEvents events, ApplicationEventPublisher publisher) {
        this.flags = flags;
        this.outbox = outbox;
        this.sync = sync;
        this.events = events;
        this.publisher = publisher;
    }

    @EventListener
    void on(TeamCreated event) {
        record(ShadowChange.teamCreated(event.teamId(), event.actorUserId(), event.teamSlug()));
    }

    @EventListener
    void on(TeamSettingsChanged event) {
        record(ShadowChange.settingsUpdated(event.teamId(), event.actorUserId(), event.teamSlug()));
    }

    @EventListener
    void on(MemberAdded event) {
        record(ShadowChange.member(SyncOperation.MEMBER_ADDED, event));
    }

    @EventListener
    void on(MemberRoleChanged event) {
        record(ShadowChange.member(SyncOperation.MEMBER_UPDATED, event));
    }

    @EventListener
    void on(MemberRemoved event) {
        record(ShadowChange.member(SyncOperation.MEMBER_REMOVED, event));
    }

    /** Mirrors one change of the current transaction (the listeners above call it for each event). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(ShadowChange change) {
        if (!flags.isOn(Flag.DUAL_WRITE_ENABLED)) {
            return;
        }
        if (flags.isOn(Flag.DUAL_WRITE_STRICT_MODE)) {
            mirrorNow(change);
            return;
        }
        long id = outbox.enqueue(change, false, null);
        publisher.publishEvent(new OutboxRowEnqueued(id));
    }

    /** Strict mode: the shadow joins the request transaction; any failure fails the request. */
    private void mirrorNow(ShadowChange change) {
        long id = outbox.enqueue(change, true, InstanceName.CURRENT);
        long start = System.nanoTime();
        try {
            ShadowSync.Outcome outcome = sync.sync(
                    Set.of(change.teamId()),
                    change.actorUserId() == null ? Map.of() : Map.of(change.teamId(), change.actorUserId()),
                    "dual_write_strict_" + change.operation().logName());
            ShadowResult result = outcome.results().get(change.teamId());
            if (result == null) {
                throw new IllegalStateException("vNext team " + change.teamId() + " not found");
            }
            if (change.membershipId() != null
                            && result.membershipsWithoutProfile().contains(change.membershipId())
                    || change.membershipId() == null
                            && !result.membershipsWithoutProfile().isEmpty()) {
                throw new IllegalStateException("user_profile_not_found: the member has no user profile");
            }
            OutboxEntry entry = new OutboxEntry(
                    id,
                    change.operation(),
                    change.teamId(),
                    change.membershipId(),
                    change.actorUserId(),
                    OutboxEntry.Status.DONE,
                    1,
                    null,
                    null,
                    null,
                    java.time.OffsetDateTime.now(),
                    null);
            events.completed(
                    entry,
                    result.legacyTeamId(),
                    result.verified(),
                    (System.nanoTime() - start) / 1_000_000,
                    java.time.OffsetDateTime.now());
        } catch (RuntimeException e) {
            events.failed(
                    change.operation(),
                    change.teamId(),
                    change.membershipId(),
                    change.actorUserId(),
                    null,
                    1,
                    "error",
                    OutboxDispatch.exceptionType(e),
                    OutboxDispatch.describe(e));
            throw new DualWriteFailedException(
                    "strict dual-write failed for " + change.operation().logName() + " of team " + change.teamId()
                            + "; the request was rolled back",
                    e);
        }
    }
}
