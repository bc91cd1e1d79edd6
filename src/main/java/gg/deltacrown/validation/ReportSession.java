package gg.deltacrown.validation;

import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of one report, run inside its snapshot transaction with the report's scope
 * parameters, and counted ({@code meta.query_count}).
 */
final class ReportSession {

    /**
     * Compiling these one-off queries costs more than it saves (PostgreSQL's JIT would compile
     * each scan over a million rows); the setting ends with the transaction.
     */
    private static final String TUNE = "SELECT set_config('jit', 'off', true)";

    private final JdbcClient whole;
    private final JdbcClient streaming;
    private final Map<String, Object> parameters;
    private final ReportRequest request;
    private int count;

    /**
     * @param whole for one-row statements: no fetch size, so PostgreSQL may plan them in parallel
     *     (a portal read in pieces never runs with parallel workers)
     * @param streaming for statements whose rows are read as they come
     */
    ReportSession(JdbcClient whole, JdbcClient streaming, ReportRequest request) {
        this.whole = whole;
        this.streaming = streaming;
        this.request = request;
        this.parameters = ReportScope.parameters(request);
    }

    ReportRequest request() {
        return request;
    }

    void tune() {
        single(TUNE, (rs, row) -> rs.getString(1));
    }

    /** Statements run so far. */
    int count() {
        return count;
    }

    /** Sets a parameter for the statements that follow. */
    void set(String name, Object value) {
        parameters.put(name, value);
    }

    <T> T single(String sql, RowMapper<T> mapper) {
        count++;
        return whole.sql(sql).params(parameters).query(mapper).single();
    }

    void stream(String sql, RowCallbackHandler handler) {
        count++;
        streaming.sql(sql).params(parameters).query(handler);
    }
}
