package gg.deltacrown.ops;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbox rows with chosen timestamps, as the dispatcher would have left them, in minutes relative to
 * the current minute's start ({@code at(-10)} is ten minutes ago). Pending rows are due tomorrow, so
 * the test context's dispatcher leaves them alone.
 */
final class OutboxHistory {

    /** A team id no table has: the dashboard counts rows, it never reads their teams. */
    static final long TEAM = 990_001;

    private final JdbcTemplate jdbc;
    private final long currentMinute;

    OutboxHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.currentMinute =
                jdbc.queryForObject("SELECT extract(epoch FROM date_trunc('minute', now()))::bigint", Long.class);
    }

    /** The start of the minute {@code minutesAgo} before the current one, in epoch seconds. */
    long minute(int minutesAgo) {
        return currentMinute - 60L * minutesAgo;
    }

    /** A row created {@code secondsIntoMinute} after that minute began, completed {@code lagMillis} later. */
    long completed(int minutesAgo, int secondsIntoMinute, long lagMillis) {
        return jdbc.queryForObject(
                """
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, created_at,
                                                            completed_at, completed_by)
                VALUES ('sync_team_created', ?, 'DONE', 1, to_timestamp(?), to_timestamp(?) + make_interval(secs => ?),
                        'test')
                RETURNING id
                """,
                Long.class,
                TEAM,
                start(minutesAgo, secondsIntoMinute),
                start(minutesAgo, secondsIntoMinute),
                lagMillis / 1000.0);
    }

    /** A row created then, completed at {@code completedMinutesAgo} (+30 s). */
    long completedLater(int minutesAgo, int completedMinutesAgo) {
        return jdbc.queryForObject("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, created_at,
                                                            completed_at, completed_by)
                VALUES ('sync_team_created', ?, 'DONE', 1, to_timestamp(?), to_timestamp(?), 'test')
                RETURNING id
                """, Long.class, TEAM, start(minutesAgo, 5), start(completedMinutesAgo, 30));
    }

    long pending(int minutesAgo) {
        return open(minutesAgo, "PENDING", null);
    }

    long blocked(int minutesAgo, String lastError) {
        return open(minutesAgo, "BLOCKED", lastError);
    }

    /** A failed attempt, recorded as the dispatcher records one (the failure row comes from the trigger). */
    void failAttempt(long id, String error) {
        jdbc.update(
                "UPDATE organizations_dualwrite_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                error,
                id);
    }

    private long open(int minutesAgo, String status, String lastError) {
        return jdbc.queryForObject("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, created_at,
                                                            next_attempt_at, blocked_reason, last_error)
                VALUES ('sync_team_member_added', ?, ?, 0, to_timestamp(?), now() + interval '1 day',
                        CASE WHEN ? = 'BLOCKED' THEN 'max_attempts' END, ?)
                RETURNING id
                """, Long.class, TEAM, status, start(minutesAgo, 10), status, lastError);
    }

    private double start(int minutesAgo, int secondsIntoMinute) {
        return minute(minutesAgo) + secondsIntoMinute;
    }
}
