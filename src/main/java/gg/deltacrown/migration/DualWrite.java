package gg.deltacrown.migration;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.teams.MemberAdded;
import gg.deltacrown.teams.MemberRemoved;
import gg.deltacrown.teams.MemberRoleChanged;
import gg.deltacrown.teams.TeamCreated;
import gg.deltacrown.teams.TeamSettingsChanged;
import java.time.OffsetDateTime;
import java.util.List;
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
        OutboxEntry entry = outbox.enqueue(change, false, null);
        publisher.publishEvent(new OutboxRowEnqueued(entry.id()));
    }

    /**
     * Strict mode: the shadow joins the request transaction, through the dispatcher's own sync and
     * blocking rule; a change the dispatcher would block, or any failure, fails the request.
     */
    private void mirrorNow(ShadowChange change) {
        OutboxEntry entry = outbox.enqueue(change, true, InstanceName.CURRENT);
        long start = System.nanoTime();
        try {
            ShadowSync.Outcome outcome = sync.mirror(List.of(change), LegacyWriteReason.DUAL_WRITE_STRICT);
            outcome.whyBlocked(change).ifPresent(reason -> {
                throw new IllegalStateException(reason + ": the change cannot be mirrored to the legacy tables");
            });
            events.completed(
                    entry, outcome.result(change), (System.nanoTime() - start) / 1_000_000, OffsetDateTime.now());
        } catch (RuntimeException e) {
            events.failedInRequest(change, e);
            throw new DualWriteFailedException(
                    "strict dual-write failed for " + change.operation().logName() + " of team " + change.teamId()
                            + "; the request was rolled back",
                    e);
        }
    }
}
