package gg.deltacrown.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's time series, computed in the database from the rows the service keeps anyway
 * (outbox timestamps, the failure rows of {@code V12__ops_dashboard.sql}, the flag audit trail), so
 * every instance shows the same picture. Read-only, like the validation report's queries.
 *
 * <p>Cost: the outbox rows not DONE plus the rows completed in the window, both read through the
 * outbox's partial indexes (docs/adr/0027).
 */
@Repository
class DashboardQueries {

    /**
     * One row per minute of the window. Every row created in the window is either still not DONE or
     * was completed in the window, so {@code recent} holds all the rows the window needs; the
     * backlog at the end of a minute is what was open when the window began, plus what was created,
     * minus what was completed since.
     */
    private static final String SERIES = """
            WITH bounds AS (
                SELECT date_trunc('minute', now()) + interval '1 minute' AS upper,
                       date_trunc('minute', now()) + interval '1 minute' - make_interval(mins => :minutes) AS lower
            ), recent AS (
                SELECT o.created_at, o.completed_at, o.status
                  FROM organizations_dualwrite_outbox o
                 WHERE o.status <> 'DONE'
                UNION ALL
                SELECT o.created_at, o.completed_at, o.status
                  FROM organizations_dualwrite_outbox o, bounds b
                 WHERE o.status = 'DONE' AND o.completed_at >= b.lower
            ), open_before AS (
                SELECT count(*) AS n FROM recent r, bounds b WHERE r.created_at < b.lower
            ), created AS (
                SELECT date_trunc('minute', r.created_at) AS minute, count(*) AS n
                  FROM recent r, bounds b
                 WHERE r.created_at >= b.lower
                 GROUP BY 1
            ), completed AS (
                SELECT date_trunc('minute', r.completed_at) AS minute, count(*) AS n,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY extract(epoch FROM r.completed_at - r.created_at) * 1000) AS lag_p50_ms,
                       percentile_cont(0.99) WITHIN GROUP (
                           ORDER BY extract(epoch FROM r.completed_at - r.created_at) * 1000) AS lag_p99_ms
                  FROM recent r
                 WHERE r.status = 'DONE'
                 GROUP BY 1
            ), failed AS (
                SELECT date_trunc('minute', f.failed_at) AS minute, count(*) AS n
                  FROM organizations_dualwrite_failure f, bounds b
                 WHERE f.failed_at >= b.lower
                 GROUP BY 1
            )
            SELECT extract(epoch FROM m.minute)::bigint AS minute,
                   (SELECT n FROM open_before)
                       + sum(coalesce(c.n, 0) - coalesce(d.n, 0)) OVER (ORDER BY m.minute) AS backlog,
                   coalesce(c.n, 0) AS created,
                   coalesce(d.n, 0) AS completed,
                   coalesce(f.n, 0) AS failed,
                   d.lag_p50_ms,
                   d.lag_p99_ms
              FROM bounds b
             CROSS JOIN LATERAL generate_series(b.lower, b.upper - interval '1 minute', interval '1 minute') AS m(minute)
              LEFT JOIN created c ON c.minute = m.minute
              LEFT JOIN completed d ON d.minute = m.minute
              LEFT JOIN failed f ON f.minute = m.minute
             ORDER BY m.minute
            """;

    private static final String FLAG_CHANGES = """
            SELECT extract(epoch FROM changed_at)::bigint AS at, name, old_value, new_value, source, changed_by
              FROM organizations_feature_flag_change
             WHERE changed_at >= date_trunc('minute', now()) + interval '1 minute' - make_interval(mins => :minutes)
             ORDER BY changed_at, id
             LIMIT 500
            """;

    private static final String FAILED_LAST_HOUR = """
            SELECT count(*) FROM organizations_dualwrite_failure WHERE failed_at > now() - interval '1 hour'
            """;

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OutboxSeries series(DashboardWindow window) {
        Columns columns = new Columns();
        jdbc.sql(SERIES).param("minutes", window.minutes()).query(columns::add);
        List<OutboxSeries.FlagMarker> markers = jdbc.sql(FLAG_CHANGES)
                .param("minutes", window.minutes())
                .query((rs, row) -> new OutboxSeries.FlagMarker(
                        rs.getLong("at"),
                        rs.getString("name"),
                        rs.getString("old_value"),
                        rs.getString("new_value"),
                        rs.getString("source"),
                        rs.getString("changed_by")))
                .list();
        return new OutboxSeries(
                window,
                columns.minutes,
                columns.backlog,
                columns.created,
                columns.completed,
                columns.failed,
                columns.lagP50,
                columns.lagP99,
                markers);
    }

    long failedLastHour() {
        return jdbc.sql(FAILED_LAST_HOUR).query(Long.class).single();
    }

    private static final class Columns {
        final List<Long> minutes = new ArrayList<>();
        final List<Long> backlog = new ArrayList<>();
        final List<Long> created = new ArrayList<>();
        final List<Long> completed = new ArrayList<>();
        final List<Long> failed = new ArrayList<>();
        final List<Double> lagP50 = new ArrayList<>();
        final List<Double> lagP99 = new ArrayList<>();

        void add(ResultSet rs) throws SQLException {
            minutes.add(rs.getLong("minute"));
            backlog.add(rs.getLong("backlog"));
            created.add(rs.getLong("created"));
            completed.add(rs.getLong("completed"));
            failed.add(rs.getLong("failed"));
            lagP50.add(rs.getObject("lag_p50_ms", Double.class));
            lagP99.add(rs.getObject("lag_p99_ms", Double.class));
        }
    }
}
