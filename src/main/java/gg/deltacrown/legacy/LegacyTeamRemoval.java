package gg.deltacrown.legacy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deletes legacy teams with everything that points at them: the rows of every table with a foreign
 * key to {@code teams_team} (rankings, and on a real DeltaCrown database whatever else Django keeps
 * per team), the memberships, then the teams.
 */
@Repository
class LegacyTeamRemoval {

    /**
     * Every single-column foreign key to {@code teams_team}, except the memberships' (deleted
     * explicitly). Rows are deleted through a NOT NULL key; a nullable one (a profile's
     * {@code primary_team_id}) is set to NULL, as Django's {@code SET_NULL} would, rather than
     * deleting the row that holds it.
     */
    private static final String CHILD_FOREIGN_KEYS = """
            SELECT c.conrelid::regclass::text AS child_table, a.attname AS child_column, a.attnotnull AS required
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
               AND c.confrelid = 'teams_team'::regclass
               AND c.conrelid <> 'teams_teammembership'::regclass
             ORDER BY 1, 2
            """;

    private static final String DELETE_MEMBERSHIPS = "DELETE FROM teams_teammembership WHERE team_id = ANY(:ids)";

    private static final String DELETE_TEAMS = "DELETE FROM teams_team WHERE id = ANY(:ids)";

    private final JdbcClient jdbc;

    LegacyTeamRemoval(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows deleted per table, children first. */
    Map<String, Integer> delete(Collection<Long> teamIds) {
        Long[] ids = teamIds.toArray(Long[]::new);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        List<Map<String, Object>> children =
                jdbc.sql(CHILD_FOREIGN_KEYS).query().listOfRows();
        for (Map<String, Object> key : children) {
            String child = (String) key.get("child_table");
            String column = (String) key.get("child_column");
            String sql = Boolean.TRUE.equals(key.get("required"))
                    ? "DELETE FROM " + child + " WHERE " + column + " = ANY(:ids)"
                    : "UPDATE " + child + " SET " + column + " = NULL WHERE " + column + " = ANY(:ids)";
            deleted.merge(child, delete(sql, ids), Integer::sum);
        }
        deleted.put("teams_teammembership", delete(DELETE_MEMBERSHIPS, ids));
        deleted.put("teams_team", delete(DELETE_TEAMS, ids));
        return deleted;
    }

    private int delete(String sql, Long[] ids) {
        return ids.length == 0 ? 0 : jdbc.sql(sql).param("ids", ids).update();
    }
}
