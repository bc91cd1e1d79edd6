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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One dispatch: claim due outbox rows, mirror their teams, mark the rows, all in one transaction.
 * A crash anywhere leaves either nothing or everything; the rows are claimed again later.
 *
 * <p>A batch that fails is split: each team is retried alone, so one bad team cannot hold back
 * the others, and only its rows record the failed attempt.
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
                claimed.addAll(outbox.claimSameTeams(
                        teams(due), due.stream().map(OutboxEntry::id).toList()));
                outbox.planForLargeBatch(claimed.size());
                Handled mirrored = mirror(claimed);
                outbox.endLargeBatchPlanning(claimed.size());
                return mirrored;
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
            } else {
                rowsByTeam.values().forEach(this::dispatchAlone);
            }
            return claimed.size();
        }
    }

    private void dispatchAlone(List<Long> rowIds) {
        try {
            Handled handled = transactions.execute(status -> {
                outbox.tuneDispatchTransaction();
                List<OutboxEntry> rows = outbox.claim(rowIds);
                return rows.isEmpty() ? Handled.NOTHING : mirror(rows);
            });
            handled.report(events);
        } catch (RuntimeException failure) {
            recordFailure(rowIds, failure);
        }
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
