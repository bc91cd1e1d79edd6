package gg.deltacrown.migration;

import gg.deltacrown.legacy.LegacyWriteReason;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One dispatch: claim due outbox rows, mirror their teams, mark the rows, all in one transaction.
 * A crash anywhere leaves either nothing or everything; the rows are claimed again later.
 *
 * <p>A batch that fails is split: each team is retried alone, so one bad team cannot hold back
 * the others, and only its rows record the failed attempt. A batch that failed on a unique value
 * is first dispatched whole once more (another dispatcher took the value meanwhile).
 */
@Component
class OutboxDispatch {

    private final Outbox outbox;
    private final ShadowSync sync;
    private final TransactionTemplate transactions;
    private final DualWriteEvents events;
    private final OutboxProperties properties;

    OutboxDispatch(
            Outbox outbox,
            ShadowSync sync,
            TransactionTemplate transactions,
            DualWriteEvents events,
            OutboxProperties properties) {
        this.outbox = outbox;
        this.sync = sync;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
    }

    /** Dispatches one batch of due rows; returns how many rows it handled (0: nothing was due). */
    int dispatchDue() {
        List<OutboxEntry> claimed = new ArrayList<>();
        try {
            Handled handled = transactions.execute(status -> {
                outbox.tuneDispatchTransaction();
                List<OutboxEntry> due = outbox.claimDue(properties.batchSize());
                claimed.addAll(due);
                if (due.isEmpty()) {
                    return Handled.NOTHING;
                }
                claimed.addAll(outbox.claimSameTeams(teams(due), ids(due)));
                return mirrorPlanned(claimed);
            });
            handled.report(events);
            return handled.count();
        } catch (RuntimeException batchFailure) {
            if (claimed.isEmpty()) {
                throw batchFailure;
            }
            Map<Long, List<Long>> rowsByTeam = new LinkedHashMap<>();
            claimed.forEach(entry -> rowsByTeam
                    .computeIfAbsent(entry.teamId(), team -> new ArrayList<>())
                    .add(entry.id()));
            if (rowsByTeam.size() == 1) {
                recordFailure(rowsByTeam.values().iterator().next(), batchFailure);
            } else if (!(takenMeanwhile(batchFailure) && dispatchedAgain(ids(claimed)))) {
                rowsByTeam.values().forEach(this::dispatchAlone);
            }
            return claimed.size();
        }
    }

    /**
     * Whether a batch failed on a unique value: most often a legacy name or tag that another
     * dispatcher's batch took after this one read it free (docs/adr/0016). The whole batch is
     * then dispatched once more, and now sees the value taken; only if that fails too is it split
     * into a dispatch per team (500 transactions instead of one, docs/adr/0031).
     */
    private static boolean takenMeanwhile(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    /** The rows dispatched together once more; false (and nothing recorded) if that fails too. */
    private boolean dispatchedAgain(List<Long> rowIds) {
        try {
            dispatch(rowIds).report(events);
            return true;
        } catch (RuntimeException again) {
            return false;
        }
    }

    private void dispatchAlone(List<Long> rowIds) {
        try {
            dispatch(rowIds).report(events);
        } catch (RuntimeException failure) {
            recordFailure(rowIds, failure);
        }
    }

    /** Claims these rows (those still due) and mirrors them, in one transaction. */
    private Handled dispatch(List<Long> rowIds) {
        return transactions.execute(status -> {
            outbox.tuneDispatchTransaction();
            List<OutboxEntry> rows = outbox.claim(rowIds);
            return rows.isEmpty() ? Handled.NOTHING : mirrorPlanned(rows);
        });
    }

    /** {@link #mirror} with the planning of a large batch around it (Outbox.planForLargeBatch). */
    private Handled mirrorPlanned(List<OutboxEntry> rows) {
        outbox.planForLargeBatch(rows.size());
        Handled mirrored = mirror(rows);
        outbox.endLargeBatchPlanning(rows.size());
        return mirrored;
    }

    /** Inside the dispatch transaction: mirror the claimed rows' teams and mark every row. */
    private Handled mirror(List<OutboxEntry> rows) {
        long start = System.nanoTime();
        ShadowSync.Outcome outcome = sync.mirror(rows, LegacyWriteReason.DUAL_WRITE_DISPATCH);
        long durationMs = (System.nanoTime() - start) / 1_000_000;

        List<Long> done = new ArrayList<>();
        Map<String, List<Long>> blocked = new HashMap<>();
        for (OutboxEntry row : rows) {
            outcome.whyBlocked(row)
                    .ifPresentOrElse(
                            reason -> blocked.computeIfAbsent(reason, r -> new ArrayList<>())
                                    .add(row.id()),
                            () -> done.add(row.id()));
        }
        outbox.complete(done, InstanceName.CURRENT);
        blocked.forEach((reason, ids) -> outbox.block(ids, reason, reason.replace('_', ' '), InstanceName.CURRENT));
        return new Handled(rows, outcome, blocked, durationMs);
    }

    private void recordFailure(List<Long> rowIds, RuntimeException failure) {
        List<OutboxEntry> after = transactions.execute(status -> outbox.fail(
                rowIds,
                DualWriteEvents.describe(failure),
                properties.initialBackoff(),
                properties.maxBackoff(),
                properties.maxAttempts()));
        for (OutboxEntry row : after) {
            boolean finalFailure = row.status() == OutboxEntry.Status.BLOCKED;
            events.failed(row, row.attempts(), finalFailure, failure);
        }
    }

    private static List<Long> ids(List<OutboxEntry> rows) {
        return rows.stream().map(OutboxEntry::id).toList();
    }

    private static Set<Long> teams(List<OutboxEntry> rows) {
        Set<Long> teams = new LinkedHashSet<>();
        rows.forEach(row -> teams.add(row.teamId()));
        return teams;
    }

    /** What a committed dispatch did, reported (logs, metrics) only after the commit. */
    record Handled(
            List<OutboxEntry> rows, ShadowSync.Outcome outcome, Map<String, List<Long>> blocked, long durationMs) {

        static final Handled NOTHING = new Handled(List.of(), null, Map.of(), 0);

        int count() {
            return rows.size();
        }

        void report(DualWriteEvents events) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (OutboxEntry row : rows) {
                String reason = blocked.entrySet().stream()
                        .filter(entry -> entry.getValue().contains(row.id()))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (reason != null) {
                    events.blocked(row, row.attempts() + 1, reason);
                } else {
                    events.completed(row, outcome.result(row), durationMs, now);
                }
            }
        }
    }
}
