package gg.deltacrown.migration.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maps every active legacy team without a map row into vNext (module API): the vNext team, its
 * roster, its ranking and a verified map row, batch after batch, one transaction each
 * (docs/adr/0024-backfill-and-repair.md).
 *
 * <p>Idempotent: the teams to do are the unmapped ones, so a second run finds nothing. Resumable:
 * each batch advances its run's cursor in its own transaction; a run whose process died is taken
 * over by the next one with the same filters, which redoes at most the batch that was in flight.
 * One run at a time (a session advisory lock). Safe beside the running service: it only inserts
 * new vNext rows, takes the dispatcher's row locks for the teams whose shadows it writes, and
 * retries a batch that lost a race for a unique slug or owner to a concurrent vNext write.
 */
@Service
public class Backfill {

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);

    /** Key of the session advisory lock a writing run holds. */
    static final String LOCK = "deltacrown.backfill";

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final BackfillBatch batch;
    private final BackfillRuns runs;
    private final JdbcClient jdbc;

    Backfill(
            DataSource dataSource,
            TransactionTemplate transactions,
            BackfillBatch batch,
            BackfillRuns runs,
            JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.batch = batch;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    /** Another backfill holds the lock. */
    public static final class BusyException extends RuntimeException {
        BusyException() {
            super("another backfill is running on this database (it holds the advisory lock '" + LOCK
                    + "'); wait for it to finish, or stop it: the next run resumes where it stopped");
        }
    }

    public BackfillSummary run(BackfillOptions options, BackfillProgress progress) {
        if (!options.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", options.problems()));
        }
        if (options.dryRun()) {
            return dryRun(options, progress);
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!lock(lock, "pg_try_advisory_lock")) {
                throw new BusyException();
            }
            try {
                return write(options, progress);
            } finally {
                lock(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the backfill lock: " + e.getMessage(), e);
        }
    }

    private BackfillSummary write(BackfillOptions options, BackfillProgress progress) {
        long started = System.nanoTime();
        BackfillRuns.Unfinished dead = runs.unfinished().orElse(null);
        long runId;
        long cursor = 0;
        long done = 0;
        Long resumedAfter = null;
        if (dead != null && BackfillRuns.sameFilters(dead.filters(), options)) {
            runId = dead.id();
            cursor = dead.lastLegacyTeamId();
            done = dead.teams();
            resumedAfter = cursor;
            runs.resume(runId);
            log.atWarn()
                    .addKeyValue("event_type", "backfill_resumed")
                    .addKeyValue("run_id", runId)
                    .addKeyValue("after_legacy_team_id", cursor)
                    .log("Resuming backfill run {} after legacy team {}", runId, cursor);
        } else {
            if (dead != null) {
                runs.finish(dead.id(), "ABANDONED", "a run with other filters started");
            }
            runId = transactions.execute(status -> runs.start(options));
        }
        long remaining = options.limit() == null ? Long.MAX_VALUE : Math.max(0, options.limit() - done);
        long total = count(cursor, remaining, options);
        BackfillSummary.Totals totals = new BackfillSummary.Totals(new BackfillSummary.Run(runId, resumedAfter), false);
        progress.started(total, new BackfillSummary.Run(runId, resumedAfter));
        try {
            if (options.workers() == 1) {
                oneWorker(runId, cursor, remaining, options, totals, total, progress, started);
            } else {
                parallel(runId, cursor, remaining, options, totals, total, progress, started);
            }
            transactions.executeWithoutResult(status -> runs.finish(runId, "DONE", null));
        } catch (RuntimeException failure) {
            String message = rootMessage(failure);
            transactions.executeWithoutResult(status -> runs.finish(runId, "FAILED", message));
            throw failure;
        }
        return totals.summary(seconds(started));
    }

    /** Batch after batch on one connection, each moving the cursor in its own transaction. */
    private void oneWorker(
            long runId,
            long cursor,
            long remaining,
            BackfillOptions options,
            BackfillSummary.Totals totals,
            long total,
            BackfillProgress progress,
            long started) {
        while (remaining > 0) {
            int size = (int) Math.min(options.batchSize(), remaining);
            BatchResult result = process(runId, cursor, Long.MAX_VALUE, size, options, true);
            if (result.teams() == 0) {
                return;
            }
            totals.add(result);
            cursor = result.lastLegacyTeamId();
            remaining -= result.teams();
            progress.batch(result, totals.teams(), total, seconds(started));
        }
    }

    /**
     * Up to {@code workers} batches in flight, each a range of legacy ids of its own; the cursor
     * moves past a batch once it and every batch before it committed, so a crash redoes at most the
     * batches in flight.
     */
    private void parallel(
            long runId,
            long cursor,
            long remaining,
            BackfillOptions options,
            BackfillSummary.Totals totals,
            long total,
            BackfillProgress progress,
            long started) {
        ExecutorService workers = Executors.newFixedThreadPool(options.workers());
        Deque<Map.Entry<Long, Future<BatchResult>>> inFlight = new ArrayDeque<>();
        long next = cursor;
        try {
            while (true) {
                while (inFlight.size() < options.workers() && remaining > 0) {
                    long after = next;
                    int size = (int) Math.min(options.batchSize(), remaining);
                    Map.Entry<Long, Long> range = jdbc.sql(BackfillStatements.RANGE)
                            .param("after", after)
                            .param("game", options.legacyGame())
                            .param("region", options.region())
                            .param("limit", size)
                            .query((rs, row) -> Map.entry(rs.getLong("up_to"), rs.getLong("teams")))
                            .single();
                    if (range.getValue() == 0) {
                        remaining = 0;
                        break;
                    }
                    long upTo = range.getKey();
                    inFlight.add(
                            Map.entry(upTo, workers.submit(() -> process(runId, after, upTo, size, options, false))));
                    next = upTo;
                    remaining -= range.getValue();
                }
                Map.Entry<Long, Future<BatchResult>> oldest = inFlight.pollFirst();
                if (oldest == null) {
                    return;
                }
                BatchResult result = await(oldest.getValue());
                transactions.executeWithoutResult(status -> runs.moveCursor(runId, oldest.getKey()));
                totals.add(result);
                progress.batch(result, totals.teams(), total, seconds(started));
            }
        } finally {
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static BatchResult await(Future<BatchResult> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * One batch, retried when it lost a race to a concurrent write (a unique slug or owner taken
     * between its plan and its insert, a deadlock). A batch that fails for another reason is split
     * until the team that fails is alone; that team is recorded as a {@code failed} conflict and
     * skipped, so one bad row never stops the run.
     */
    private BatchResult process(
            long runId, long cursor, long upTo, int size, BackfillOptions options, boolean moveCursor) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transactions.execute(status -> batch.run(cursor, upTo, size, options, runId, moveCursor));
            } catch (DuplicateKeyException | TransientDataAccessException race) {
                last = race;
                log.atWarn()
                        .addKeyValue("event_type", "backfill_batch_retried")
                        .addKeyValue("run_id", runId)
                        .addKeyValue("after_legacy_team_id", cursor)
                        .addKeyValue("attempt", attempt)
                        .addKeyValue("error", rootMessage(race))
                        .log("Backfill batch lost a race to a concurrent write; retrying");
            } catch (RuntimeException failure) {
                last = failure;
                break;
            }
        }
        if (size > 1) {
            BatchResult first = process(runId, cursor, upTo, size / 2, options, moveCursor);
            if (first.teams() == 0) {
                return first;
            }
            BatchResult second = process(runId, first.lastLegacyTeamId(), upTo, size - size / 2, options, moveCursor);
            return BatchResult.merge(first, second);
        }
        Long failedTeam = nextCandidate(cursor, upTo, options);
        if (failedTeam == null) {
            throw last;
        }
        String message = rootMessage(last);
        log.atError()
                .addKeyValue("event_type", "backfill_team_failed")
                .addKeyValue("run_id", runId)
                .addKeyValue("legacy_team_id", failedTeam)
                .addKeyValue("error", message)
                .log("Backfill of legacy team {} failed; skipped", failedTeam);
        transactions.executeWithoutResult(status -> runs.failedTeam(runId, failedTeam, message, moveCursor));
        return BatchResult.failed(failedTeam, message);
    }

    private BackfillSummary dryRun(BackfillOptions options, BackfillProgress progress) {
        long started = System.nanoTime();
        long limit = options.limit() == null ? Long.MAX_VALUE : options.limit();
        BackfillSummary.Totals totals = new BackfillSummary.Totals(new BackfillSummary.Run(null, null), true);
        BatchResult result = transactions.execute(status -> {
            status.setRollbackOnly();
            long total = count(0, limit, options);
            progress.started(total, new BackfillSummary.Run(null, null));
            return batch.run(0, Long.MAX_VALUE, limit, options, null, false);
        });
        totals.add(result);
        progress.batch(result, result.teams(), result.teams(), seconds(started));
        return totals.summary(seconds(started));
    }

    private long count(long after, long limit, BackfillOptions options) {
        return jdbc.sql(BackfillStatements.COUNT_CANDIDATES)
                .param("after", after)
                .param("game", options.legacyGame())
                .param("region", options.region())
                .param("limit", limit)
                .query(Long.class)
                .single();
    }

    private Long nextCandidate(long after, long upTo, BackfillOptions options) {
        return jdbc.sql(BackfillStatements.NEXT_CANDIDATE)
                .param("after", after)
                .param("upTo", upTo)
                .param("game", options.legacyGame())
                .param("region", options.region())
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /** The session lock of a writing run, on a connection of its own (the batches use others). */
    private static boolean lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))");
                ResultSet rs = executeWith(statement, LOCK)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static ResultSet executeWith(PreparedStatement statement, String key) throws SQLException {
        statement.setString(1, key);
        return statement.executeQuery();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
