package gg.deltacrown.runbook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Phase 5.2, statements per request, counted by the database itself: {@code pg_stat_statements}
 * calls of this database before and after each latency block, divided by the block's requests.
 * The service's own background statements (the dispatcher's idle claims, the flag poll) are left
 * out by their text. Without the extension (it needs {@code shared_preload_libraries}) the
 * evidence says so, and the latency decides.
 */
final class StatementCounts {

    private static final String PROBE = "SELECT count(*) FROM pg_stat_statements WHERE false";
    private static final String SNAPSHOT = """
            SELECT coalesce(queryid, 0) AS queryid, sum(calls) AS calls, max(query) AS query
              FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             GROUP BY 1
            """;
    private static final Pattern LEGACY = Pattern.compile("\\bteams_\\w+");
    private static final Pattern BACKGROUND =
            Pattern.compile("(?is)SKIP LOCKED|organizations_feature_flag|pg_stat_statements|^\\s*LISTEN");

    record Snapshot(Map<Long, Long> calls, Map<Long, String> texts) {}

    private final JdbcClient jdbc;
    private final boolean available;
    private final long[] requests = new long[2];
    private final long[] statements = new long[2];
    private final long[] legacy = new long[2];

    StatementCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.available = probe(jdbc);
    }

    Snapshot snapshot() {
        Map<Long, Long> calls = new HashMap<>();
        Map<Long, String> texts = new HashMap<>();
        if (available) {
            jdbc.sql(SNAPSHOT)
                    .query((rs, n) -> {
                        calls.put(rs.getLong("queryid"), rs.getLong("calls"));
                        return texts.put(rs.getLong("queryid"), rs.getString("query"));
                    })
                    .list();
        }
        return new Snapshot(calls, texts);
    }

    /** Adds one block of {@code count} requests, taken with dual-write {@code on}. */
    void add(boolean on, Snapshot before, Snapshot after, int count) {
        int side = on ? 1 : 0;
        requests[side] += count;
        after.calls().forEach((id, calls) -> {
            long delta = calls - before.calls().getOrDefault(id, 0L);
            String text = after.texts().getOrDefault(id, "");
            if (delta <= 0 || BACKGROUND.matcher(text).find()) {
                return;
            }
            statements[side] += delta;
            if (LEGACY.matcher(text).find()) {
                legacy[side] += delta;
            }
        });
    }

    /** Off: no statement may touch the legacy tables; on, they are the dispatch's (criterion 9). */
    Outcome outcome() {
        if (!available) {
            return Outcome.pass("statements per request: pg_stat_statements is not loaded on this server"
                    + " (shared_preload_libraries), so they are not counted; the latency above decides");
        }
        return Outcome.of(
                legacy[0] == 0,
                String.format(
                        Locale.ROOT,
                        "statements per create (pg_stat_statements, background polls left out): off %.1f, on %.1f;"
                                + " on teams_*: off %.1f, on %.1f (the dispatch's, after commit)",
                        per(0),
                        per(1),
                        legacy[0] / (double) Math.max(1, requests[0]),
                        legacy[1] / (double) Math.max(1, requests[1])));
    }

    private double per(int side) {
        return statements[side] / (double) Math.max(1, requests[side]);
    }

    private static boolean probe(JdbcClient jdbc) {
        try {
            jdbc.sql(PROBE).query(Long.class).single();
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }
}
