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

/**
 * Persistence of flag overrides and their audit trail. Changes go through the database function
 * {@code deltacrown_change_flag}: the service's role may only read the flag tables, so every change
 * has its who, when and why (docs/adr/0020-database-roles-and-write-guard.md).
 */
@Repository
class FlagStore {

    private static final String SELECT_ALL = """
            SELECT name, value, source, changed_by, changed_at, reason
              FROM organizations_feature_flag
            """;

    private static final String CHANGE = """
            SELECT deltacrown_change_flag(:name, :value, :defaultValue, :source, :changedBy, :reason)
            """;

    private static final String DROP_ENV = """
            SELECT deltacrown_drop_env_flag(:name, :defaultValue, :changedBy, :reason)
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

    /**
     * Stores a change and its history row, the flag's row locked meanwhile; false when an
     * environment value is applied again unchanged (nothing is stored then).
     */
    boolean change(Flag flag, String value, FlagSource source, String changedBy, String reason) {
        return jdbc.sql(CHANGE)
                .param("name", flag.variable())
                .param("value", value)
                .param("defaultValue", flag.defaultValue())
                .param("source", source.value())
                .param("changedBy", changedBy)
                .param("reason", reason)
                .query(Boolean.class)
                .single();
    }

    /**
     * Removes the flag's row if its value came from the environment (it has its default again),
     * recorded as a change with source {@code default}; false when there was no such value.
     */
    boolean dropEnvironmentValue(Flag flag, String changedBy, String reason) {
        return jdbc.sql(DROP_ENV)
                .param("name", flag.variable())
                .param("defaultValue", flag.defaultValue())
                .param("changedBy", changedBy)
                .param("reason", reason)
                .query(Boolean.class)
                .single();
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
