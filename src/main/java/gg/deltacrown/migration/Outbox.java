package gg.deltacrown.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code organizations_dualwrite_outbox} table: enqueue, claim, complete, fail, block,
 * resubmit, purge (the vocabulary of Spring Modulith's event publication registry).
 */
@Repository
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final String COLUMNS = """
            id, operation, vnext_team_id, vnext_membership_id, actor_user_id, status, attempts, next_attempt_at,
            last_error, blocked_reason, created_at, completed_at
            """;

    private static final String INSERT = """
            INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, vnext_membership_id, actor_user_id,
                                                        status, completed_at, completed_by)
            VALUES (:operation, :teamId, :membershipId, :actorUserId, :status,
                    CASE WHEN :status = 'DONE' THEN clock_timestamp() END, :completedBy)
            RETURNING
            """ + COLUMNS;

    /** The oldest due rows; rows another dispatcher holds are skipped, not waited for. */
    private static final String CLAIM_DUE = "SELECT " + COLUMNS + """
              FROM organizations_dualwrite_outbox
             WHERE status = 'PENDING' AND next_attempt_at <= clock_timestamp()
             ORDER BY id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED
            """;

    /** The other pending rows of the claimed teams: one state-based sync completes them all. */
    private static final String CLAIM_SAME_TEAMS = "SELECT " + COLUMNS + """
              FROM organizations_dualwrite_outbox
             WHERE status = 'PENDING' AND vnext_team_id = ANY(:teamIds) AND NOT (id = ANY(:claimed))
               FOR UPDATE SKIP LOCKED
            """;

    private static final String CLAIM_IDS = "SELECT " + COLUMNS + """
              FROM organizations_dualwrite_outbox
             WHERE status = 'PENDING' AND id = ANY(:ids)
               FOR UPDATE SKIP LOCKED
            """;

    /** BLOCKED rows of these teams, for a tool that re-syncs them (repair). */
    private static final String CLAIM_BLOCKED = "SELECT " + COLUMNS + """
              FROM organizations_dualwrite_outbox
             WHERE status = 'BLOCKED' AND vnext_team_id = ANY(:teamIds)
               FOR UPDATE SKIP LOCKED
            """;

    private static final String COMPLETE = """
            UPDATE organizations_dualwrite_outbox
               SET status = 'DONE', attempts = attempts + 1, completed_at = clock_timestamp(),
                   completed_by = :instance, last_error = NULL
             WHERE id = ANY(:ids)
            """;

    private static final String BLOCK = """
            UPDATE organizations_dualwrite_outbox
               SET status = 'BLOCKED', attempts = attempts + 1, blocked_reason = :reason, last_error = :error,
                   completed_by = :instance
             WHERE id = ANY(:ids)
            """;

    /**
     * A failed attempt: retry later, or BLOCKED once the attempts are used up. The n-th failure waits
     * initial * 2^(n-1), capped, times a random 0.5 to 1 (jitter), so retries of many rows spread out.
     * Only rows that were due are charged: a row still waiting for its retry, claimed with a newer
     * row of its team ({@link #CLAIM_SAME_TEAMS}), keeps its attempts and its schedule. Charging it
     * used every attempt of a team that kept being written within seconds (RELIABILITY.md, the
     * chaos run's revoke).
     */
    private static final String FAIL = """
            UPDATE organizations_dualwrite_outbox
               SET attempts = attempts + 1,
                   last_error = :error,
                   next_attempt_at = clock_timestamp() + make_interval(secs =>
                       least(:maxSeconds, :initialSeconds * power(2, attempts)) * (0.5 + random() / 2)),
                   status = CASE WHEN attempts + 1 >= :maxAttempts THEN 'BLOCKED' ELSE 'PENDING' END,
                   blocked_reason = CASE WHEN attempts + 1 >= :maxAttempts THEN 'max_attempts' END
             WHERE id = ANY(:ids) AND status = 'PENDING' AND next_attempt_at <= clock_timestamp()
            RETURNING
            """ + COLUMNS;

    /** Reads only the rows not DONE (partial index), however many completed rows are kept. */
    private static final String STATUS = """
            SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE status = 'PENDING' AND attempts > 0) AS retrying,
                   count(*) FILTER (WHERE status = 'BLOCKED') AS blocked,
                   coalesce(extract(epoch FROM clock_timestamp() - min(created_at) FILTER (WHERE status = 'PENDING')), 0)
                       AS oldest_pending_age,
                   (SELECT count(*) FROM organizations_dualwrite_outbox
                     WHERE status = 'DONE' AND completed_at > clock_timestamp() - interval '1 hour') AS done_last_hour
              FROM organizations_dualwrite_outbox
             WHERE status <> 'DONE'
            """;

    private static final String LIST = "SELECT " + COLUMNS + """
              FROM organizations_dualwrite_outbox
             WHERE (:status = '' OR status = :status)
             ORDER BY id DESC
             LIMIT :limit
            """;

    private static final String RESUBMIT = """
            UPDATE organizations_dualwrite_outbox
               SET status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp(), blocked_reason = NULL
             WHERE status = 'BLOCKED' AND (id = ANY(:ids) OR :all)
            """;

    private static final String RETRY_NOW = """
            UPDATE organizations_dualwrite_outbox
               SET next_attempt_at = clock_timestamp()
             WHERE status = 'PENDING' AND (id = ANY(:ids) OR :all)
            """;

    private static final String PURGE = """
            DELETE FROM organizations_dualwrite_outbox
             WHERE status = 'DONE' AND completed_at < clock_timestamp() - make_interval(secs => :seconds)
            """;

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the row (PENDING, or already DONE when strict mode mirrors it inline) and logs it. */
    OutboxEntry enqueue(ShadowChange change, boolean strict, String instance) {
        OutboxEntry entry = jdbc.sql(INSERT)
                .param("operation", change.operation().logName())
                .param("teamId", change.teamId())
                .param("membershipId", change.membershipId())
                .param("actorUserId", change.actorUserId())
                .param("status", (strict ? OutboxEntry.Status.DONE : OutboxEntry.Status.PENDING).name())
                .param("completedBy", strict ? instance : null)
                .query(Outbox::entry)
                .single();
        long id = entry.id();
        log.atInfo()
                .addKeyValue("event_type", "dual_write_scheduled")
                .addKeyValue("operation", change.operation().logName())
                .addKeyValue("team_id", change.teamId())
                .addKeyValue("membership_id", change.membershipId())
                .addKeyValue("team_slug", change.teamSlug())
                .addKeyValue("user_id", change.actorUserId())
                .addKeyValue("outbox_id", id)
                .addKeyValue("strict_mode", strict)
                .log("Dual-write scheduled for {}: {}", change.operation().logName(), change.teamId());
        return entry;
    }

    /**
     * The settings of a dispatch transaction, in one statement; they end with it.
     *
     * <p>It does not wait for its WAL to reach the disk. Safe by construction: if PostgreSQL
     * crashes before the flush, the whole transaction is lost together (the legacy rows and the
     * rows marked DONE), the rows are PENDING again and are dispatched again; the sync is
     * state-based, so the outcome is the same. vNext writes keep the server's durable commit.
     *
     * <p>No JIT compilation: a backlog batch's reads are estimated above {@code jit_above_cost},
     * and compiling one took 6-34 ms where running it takes 1-2 (docs/adr/0031).
     */
    void tuneDispatchTransaction() {
        jdbc.sql(TUNE_DISPATCH).query().singleRow();
    }

    private static final String TUNE_DISPATCH =
            "SELECT set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true)";

    /** Rows of a dispatch above which it plans for its own arrays (a backlog, not the steady state). */
    private static final int LARGE_BATCH = 100;

    /**
     * Large batches (a backlog) plan their statements for their actual arrays: a cached generic
     * plan made while the legacy tables were small would keep scanning them whole as they grow.
     * Small batches (the steady state) keep the cached plans, whose planning time would dominate.
     */
    void planForLargeBatch(int rows) {
        if (rows > LARGE_BATCH) {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        }
    }

    /**
     * Back to cached plans for what runs at COMMIT: the checks of Django's deferred foreign keys
     * (one per legacy row written) are planned again each under force_custom_plan, three times
     * their cost (bench/RESULTS.md, backfill).
     */
    void endLargeBatchPlanning(int rows) {
        if (rows > LARGE_BATCH) {
            jdbc.sql("SET LOCAL plan_cache_mode TO DEFAULT").update();
        }
    }

    List<OutboxEntry> claimDue(int limit) {
        return jdbc.sql(CLAIM_DUE).param("limit", limit).query(Outbox::entry).list();
    }

    List<OutboxEntry> claimSameTeams(Collection<Long> teamIds, Collection<Long> claimed) {
        return jdbc.sql(CLAIM_SAME_TEAMS)
                .param("teamIds", teamIds.toArray(Long[]::new))
                .param("claimed", claimed.toArray(Long[]::new))
                .query(Outbox::entry)
                .list();
    }

    List<OutboxEntry> claim(Collection<Long> ids) {
        return jdbc.sql(CLAIM_IDS)
                .param("ids", ids.toArray(Long[]::new))
                .query(Outbox::entry)
                .list();
    }

    List<OutboxEntry> claimBlocked(Collection<Long> teamIds) {
        return jdbc.sql(CLAIM_BLOCKED)
                .param("teamIds", teamIds.toArray(Long[]::new))
                .query(Outbox::entry)
                .list();
    }

    void complete(Collection<Long> ids, String instance) {
        if (!ids.isEmpty()) {
            jdbc.sql(COMPLETE)
                    .param("ids", ids.toArray(Long[]::new))
                    .param("instance", instance)
                    .update();
        }
    }

    void block(Collection<Long> ids, String reason, String error, String instance) {
        if (!ids.isEmpty()) {
            jdbc.sql(BLOCK)
                    .param("ids", ids.toArray(Long[]::new))
                    .param("reason", reason)
                    .param("error", error)
                    .param("instance", instance)
                    .update();
        }
    }

    /** Records a failed attempt; returns the rows as they are now (PENDING with a delay, or BLOCKED). */
    List<OutboxEntry> fail(
            Collection<Long> ids, String error, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        return jdbc.sql(FAIL)
                .param("ids", ids.toArray(Long[]::new))
                .param("error", error)
                .param("initialSeconds", initialBackoff.toMillis() / 1000.0)
                .param("maxSeconds", maxBackoff.toMillis() / 1000.0)
                .param("maxAttempts", maxAttempts)
                .query(Outbox::entry)
                .list();
    }

    OutboxStatus status() {
        return jdbc.sql(STATUS)
                .query((rs, row) -> new OutboxStatus(
                        rs.getLong("pending"),
                        rs.getLong("retrying"),
                        rs.getLong("blocked"),
                        rs.getLong("done_last_hour"),
                        rs.getDouble("oldest_pending_age")))
                .single();
    }

    List<OutboxEntry> list(OutboxEntry.Status status, int limit) {
        return jdbc.sql(LIST)
                .param("status", status == null ? "" : status.name())
                .param("limit", limit)
                .query(Outbox::entry)
                .list();
    }

    int resubmitBlocked(Collection<Long> ids, boolean all) {
        return jdbc.sql(RESUBMIT)
                .param("ids", ids.toArray(Long[]::new))
                .param("all", all)
                .update();
    }

    int retryNow(Collection<Long> ids, boolean all) {
        return jdbc.sql(RETRY_NOW)
                .param("ids", ids.toArray(Long[]::new))
                .param("all", all)
                .update();
    }

    int purgeCompletedOlderThan(Duration age) {
        return jdbc.sql(PURGE).param("seconds", age.toSeconds()).update();
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(
                rs.getLong("id"),
                SyncOperation.fromLogName(rs.getString("operation")),
                rs.getLong("vnext_team_id"),
                rs.getObject("vnext_membership_id", Long.class),
                rs.getObject("actor_user_id", Long.class),
                OutboxEntry.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getString("last_error"),
                rs.getString("blocked_reason"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class));
    }
}
