package gg.deltacrown.migration.repair;

import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.ShadowResult;
import gg.deltacrown.migration.ShadowResync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings legacy shadows back to the vNext state (module API): for the drifted pairs it finds (the
 * full verification of the validation report, on every pair), for one team, or for the teams of a drift ids file.
 * Each batch of teams is one transaction through the dispatcher's own sync ({@link ShadowResync}:
 * the same row locks, shadow writer, write guard and read-back), so it is safe beside the running
 * service; then the same checks run again on the repaired teams (docs/adr/0024-backfill-and-repair.md).
 */
@Service
public class Repair {

    /** The bypass reason of the legacy writes a repair makes (the dispatcher's kind of write). */
    static final LegacyWriteReason BYPASS_REASON = LegacyWriteReason.REPAIR;

    static final int KEPT = 20;

    private static final Logger log = LoggerFactory.getLogger(Repair.class);

    private final DriftQueries drift;
    private final EveryPairCheck everyPair;
    private final ShadowResync resync;
    private final TransactionTemplate transactions;
    private final TransactionTemplate snapshot;
    private final JdbcClient jdbc;

    Repair(
            DriftQueries drift,
            EveryPairCheck everyPair,
            ShadowResync resync,
            PlatformTransactionManager manager,
            JdbcClient jdbc) {
        this.drift = drift;
        this.everyPair = everyPair;
        this.resync = resync;
        this.transactions = new TransactionTemplate(manager);
        this.snapshot = new TransactionTemplate(manager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.jdbc = jdbc;
    }

    public RepairSummary run(RepairOptions options, RepairProgress progress) {
        if (!options.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", options.problems()));
        }
        long started = System.nanoTime();
        String source;
        List<DriftItem> before;
        List<DriftIds.Unusable> unusable = List.of();
        Set<Long> targets = new LinkedHashSet<>();
        if (options.teamId() != null) {
            source = "team";
            targets.add(options.teamId());
            before = find(targets);
        } else if (options.idsFile() != null) {
            source = "ids";
            DriftIds.Contents contents = DriftIds.read(options.idsFile());
            unusable = contents.unusable();
            before = contents.items();
            targets.addAll(contents.vnextTeamIds());
        } else {
            source = "drift";
            before = new ArrayList<>(everyPair.find());
            before.addAll(snapshot.execute(status -> drift.everywhere()));
            before.stream().filter(DriftItem::repairable).forEach(item -> targets.add(item.vnextTeamId()));
        }
        Map<String, Long> notRepairable =
                count(before.stream().filter(item -> !item.repairable()).toList());
        if (options.dryRun()) {
            return new RepairSummary(
                    source,
                    true,
                    count(before),
                    notRepairable,
                    first(unusable),
                    unusable.size(),
                    targets.size(),
                    0,
                    List.of(),
                    0,
                    0,
                    Map.of(),
                    List.of(),
                    0,
                    seconds(started));
        }
        progress.started(targets.size());
        List<Long> ordered = new ArrayList<>(targets);
        Totals totals = syncAll(ordered, options, progress, started);
        List<Long> missing = totals.missing;
        List<DriftItem> after = ordered.isEmpty() ? List.of() : find(targets);
        return new RepairSummary(
                source,
                false,
                count(before),
                notRepairable,
                first(unusable),
                unusable.size(),
                ordered.size() - missing.size(),
                totals.verified,
                List.copyOf(missing.subList(0, Math.min(missing.size(), KEPT))),
                totals.completed,
                totals.stillBlocked,
                count(after),
                remaining(after),
                totals.batches,
                seconds(started));
    }

    /** What the batches did, added up as they finish (on the calling thread only). */
    private static final class Totals {
        long verified;
        long completed;
        long stillBlocked;
        long batches;
        long teamsDone;
        final List<Long> missing = new ArrayList<>();

        void add(List<Long> batch, ShadowResync.Outcome outcome) {
            verified += outcome.results().values().stream()
                    .filter(ShadowResult::verified)
                    .count();
            completed += outcome.completedOutboxRows().size();
            stillBlocked += outcome.stillBlocked().size();
            missing.addAll(outcome.missingTeams());
            batches++;
            teamsDone += batch.size();
        }
    }

    /**
     * Syncs the teams in batches of {@code batchSize}, each one transaction, up to {@code workers}
     * of them at once. Batches hold disjoint teams and take their profile locks in one sorted
     * statement, as concurrent dispatches do. Should one fail beside the others anyway (a deadlock
     * PostgreSQL resolves by aborting one of them), it is synced again on its own once they are
     * done; a failure that holds then ends the run, with the batches already committed kept (the
     * sync is state-based: running the repair again finishes the rest).
     */
    private Totals syncAll(List<Long> ordered, RepairOptions options, RepairProgress progress, long started) {
        List<List<Long>> batches = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += options.batchSize()) {
            batches.add(ordered.subList(from, Math.min(ordered.size(), from + options.batchSize())));
        }
        Totals totals = new Totals();
        if (options.workers() == 1 || batches.size() == 1) {
            for (List<Long> batch : batches) {
                totals.add(batch, sync(batch));
                progress.batch(totals.teamsDone, ordered.size(), seconds(started));
            }
            return totals;
        }
        List<List<Long>> failed = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers());
        try {
            CompletionService<BatchDone> done = new ExecutorCompletionService<>(workers);
            for (List<Long> batch : batches) {
                done.submit(() -> {
                    try {
                        return new BatchDone(batch, sync(batch), null);
                    } catch (RuntimeException e) {
                        return new BatchDone(batch, null, e);
                    }
                });
            }
            for (int i = 0; i < batches.size(); i++) {
                BatchDone result = done.take().get();
                if (result.failure() == null) {
                    totals.add(result.batch(), result.outcome());
                    progress.batch(totals.teamsDone, ordered.size(), seconds(started));
                } else {
                    log.atWarn()
                            .addKeyValue("event_type", "repair_batch_retried")
                            .addKeyValue("teams", result.batch().size())
                            .addKeyValue(
                                    "error", String.valueOf(result.failure().getMessage()))
                            .log("Repair batch failed beside the others; it runs again on its own at the end");
                    failed.add(result.batch());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("repair interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // the task catches what the sync throws
        } finally {
            workers.shutdownNow();
        }
        for (List<Long> batch : failed) {
            totals.add(batch, sync(batch));
            progress.batch(totals.teamsDone, ordered.size(), seconds(started));
        }
        return totals;
    }

    private record BatchDone(List<Long> batch, ShadowResync.Outcome outcome, RuntimeException failure) {}

    private ShadowResync.Outcome sync(List<Long> batch) {
        return transactions.execute(status -> resync.resync(batch, BYPASS_REASON, "repair"));
    }

    /** The full verification's comparison and the map/outbox checks, on these teams. */
    private List<DriftItem> find(Collection<Long> teams) {
        List<DriftItem> items = new ArrayList<>(everyPair.find(teams));
        items.addAll(snapshot.execute(status -> drift.of(teams)));
        return items;
    }

    private List<RepairSummary.Remaining> remaining(List<DriftItem> after) {
        List<RepairSummary.Remaining> remaining = new ArrayList<>();
        for (DriftItem item : after.subList(0, Math.min(after.size(), KEPT))) {
            String notes = item.vnextTeamId() == null
                    ? ""
                    : jdbc.sql("SELECT verification_notes FROM organizations_migration_map WHERE vnext_team_id = :id")
                            .param("id", item.vnextTeamId().intValue())
                            .query(String.class)
                            .optional()
                            .orElse("no map row");
            remaining.add(new RepairSummary.Remaining(item, notes));
        }
        return remaining;
    }

    private static Map<String, Long> count(List<DriftItem> items) {
        return items.stream().collect(Collectors.groupingBy(DriftItem::kind, TreeMap::new, Collectors.counting()));
    }

    private static <T> List<T> first(List<T> list) {
        return List.copyOf(list.subList(0, Math.min(list.size(), KEPT)));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
