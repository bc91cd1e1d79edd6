package gg.deltacrown.flags;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persistence of flag overrides and their audit trail. */
@Repository
class FlagStore {

    private static final String SELECT_ALL = """
            SELECT name, value, source, changed_by, changed_at, reason
              FROM organizations_feature_flag
            """;

    private static final String SELECT_ONE_FOR_UPDATE = """
            SELECT name, value, source, changed_by, changed_at, reason
              FROM organizations_feature_flag
             WHERE name = :name
               FOR UPDATE
            """;

    private static final String UPSERT = """
            INSERT INTO organizations_feature_flag (name, value, source, changed_by, changed_at, reason)
            VALUES (:name, :value, :source, :changedBy, now(), :reason)
            ON CONFLICT (name) DO UPDATE
               SET value = EXCLUDED.value, source = EXCLUDED.source, changed_by = EXCLUDED.changed_by,
                   changed_at = EXCLUDED.changed_at, reason = EXCLUDED.reason
            """;

    private static final String DELETE = """
            DELETE FROM organizations_feature_flag WHERE name = :name
            """;

    private static final String INSERT_CHANGE = """
            INSERT INTO organizations_feature_flag_change (name, old_value, new_value, source, changed_by, reason)
            VALUES (:name, :oldValue, :newValue, :source, :changedBy, :reason)
            """;

    private static final String SELECT_HISTORY = """
            SELECT name, old_value, new_value, source, changed_by, changed_at, reason
              FROM organizations_feature_flag_change
             ORDER BY changed_at DESC, id DESC
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    FlagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Flag, FlagState> loadAll() {
        Map<Flag, FlagState> states = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            states.put(flag, FlagState.defaultOf(flag));
        }
        jdbc.sql(SELECT_ALL).query(FlagStore::mapState).list().stream()
                .flatMap(Optional::stream)
                .forEach(state -> states.put(state.flag(), state));
        return states;
    }

    /** Locks the flag's row (if any) for the rest of the transaction. */
    FlagState lockCurrent(Flag flag) {
        return jdbc.sql(SELECT_ONE_FOR_UPDATE)
                .param("name", flag.variable())
                .query(FlagStore::mapState)
                .optional()
                .flatMap(state -> state)
                .orElse(FlagState.defaultOf(flag));
    }

    void write(Flag flag, String oldValue, String newValue, FlagSource source, String changedBy, String reason) {
        jdbc.sql(UPSERT)
                .param("name", flag.variable())
                .param("value", newValue)
                .param("source", source.value())
                .param("changedBy", changedBy)
                .param("reason", reason)
                .update();
        jdbc.sql(INSERT_CHANGE)
                .param("name", flag.variable())
                .param("oldValue", oldValue)
                .param("newValue", newValue)
                .param("source", source.value())
                .param("changedBy", changedBy)
                .param("reason", reason)
                .update();
    }

    /** Removes the flag's row (it has its default again), recorded as a change with source {@code default}. */
    void delete(Flag flag, String oldValue, String changedBy, String reason) {
        jdbc.sql(DELETE).param("name", flag.variable()).update();
        jdbc.sql(INSERT_CHANGE)
                .param("name", flag.variable())
                .param("oldValue", oldValue)
                .param("newValue", flag.defaultValue())
                .param("source", FlagSource.DEFAULT.value())
                .param("changedBy", changedBy)
                .param("reason", reason)
                .update();
    }

    List<FlagChange> history(int limit) {
        return jdbc.sql(SELECT_HISTORY)
                .param("limit", limit)
                .query((rs, row) -> new FlagChange(
                        rs.getString("name"),
                        rs.getString("old_value"),
                        rs.getString("new_value"),
                        FlagSource.ofStored(rs.getString("source")),
                        rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class),
                        rs.getString("reason")))
                .list();
    }

    /** Rows for flags this version no longer knows are ignored. */
    private static Optional<FlagState> mapState(ResultSet rs, int row) throws SQLException {
        return Flag.byName(rs.getString("name")).map(flag -> {
            try {
                return new FlagState(
                        flag,
                        rs.getString("value"),
                        FlagSource.ofStored(rs.getString("source")),
                        rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class),
                        rs.getString("reason"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
