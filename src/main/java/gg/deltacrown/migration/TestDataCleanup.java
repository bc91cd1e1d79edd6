package gg.deltacrown.migration;

import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.legacy.LegacyWriteReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rollback scenario 3 done right: removes test teams from both sides in one
 * transaction, children first, including the child tables the runbook forgot (activity log,
 * rankings, outbox rows, and any other table with a foreign key to a team), checks that nothing is
 * left, and commits only when asked to.
 */
@Service
public class TestDataCleanup {

    /** The runbooks' test-team name patterns (TESTING 7.3, ROLLBACK 3, READINESS 11.1). */
    public static final List<String> RUNBOOK_PATTERNS = List.of("%Staging Test%", "%Test Team%", "Perf Test%");

    private static final String SELECT_TEAMS = """
            SELECT t.id AS vnext_id, m.legacy_team_id, t.name
              FROM organizations_team t
              LEFT JOIN organizations_migration_map m ON m.vnext_team_id = t.id
             WHERE t.name LIKE ANY(:patterns)
             ORDER BY t.id
            """;

    /**
     * Every foreign key that points at a vNext team, except the memberships' (deleted explicitly).
     * Rows are deleted through a NOT NULL key; a nullable one (a profile's {@code primary_team_id})
     * is set to NULL, as Django's {@code SET_NULL} would, rather than deleting the row that holds it.
     */
    private static final String CHILD_FOREIGN_KEYS = """
            SELECT c.conrelid::regclass::text AS child_table, a.attname AS child_column, a.attnotnull AS required
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
               AND c.confrelid = 'organizations_team'::regclass
               AND c.conrelid <> 'organizations_membership'::regclass
             ORDER BY 1, 2
            """;

    private static final LegacyWriteReason BYPASS_REASON = LegacyWriteReason.CLEANUP_TEST_DATA;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LegacyTeams legacyTeams;

    TestDataCleanup(JdbcClient jdbc, TransactionTemplate transactions, LegacyTeams legacyTeams) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.legacyTeams = legacyTeams;
    }

    /** What was (or would be) deleted, per table, and whether it was committed. */
    public record Result(List<String> teamNames, Map<String, Integer> deleted, boolean committed, long orphanMaps) {}

    /**
     * @param commit false: everything is deleted and checked, then rolled back (a dry run)
     */
    public Result clean(List<String> patterns, boolean commit) {
        return transactions.execute(status -> {
            List<Map<String, Object>> teams = jdbc.sql(SELECT_TEAMS)
                    .param("patterns", patterns.toArray(String[]::new))
                    .query()
                    .listOfRows();
            Long[] vnext = teams.stream()
                    .map(row -> ((Number) row.get("vnext_id")).longValue())
                    .toArray(Long[]::new);
            Long[] legacy = teams.stream()
                    .map(row -> row.get("legacy_team_id"))
                    .filter(Objects::nonNull)
                    .map(id -> ((Number) id).longValue())
                    .toArray(Long[]::new);
            Map<String, Integer> deleted = new LinkedHashMap<>();
            deleted.put(
                    "organizations_dualwrite_outbox",
                    delete("DELETE FROM organizations_dualwrite_outbox WHERE vnext_team_id = ANY(:ids)", vnext));
            for (Map<String, Object> key : jdbc.sql(CHILD_FOREIGN_KEYS).query().listOfRows()) {
                String child = (String) key.get("child_table");
                String column = (String) key.get("child_column");
                String sql = Boolean.TRUE.equals(key.get("required"))
                        ? "DELETE FROM " + child + " WHERE " + column + " = ANY(:ids)"
                        : "UPDATE " + child + " SET " + column + " = NULL WHERE " + column + " = ANY(:ids)";
                deleted.merge(child, delete(sql, vnext), Integer::sum);
            }
            deleted.put(
                    "organizations_membership",
                    delete("DELETE FROM organizations_membership WHERE team_id = ANY(:ids)", vnext));
            deleted.put(
                    "organizations_migration_map",
                    delete(
                            "DELETE FROM organizations_migration_map WHERE vnext_team_id = ANY(:ids::integer[])",
                            vnext));
            legacyTeams.deleteTeams(BYPASS_REASON, List.of(legacy)).forEach(deleted::put);
            deleted.put("organizations_team", delete("DELETE FROM organizations_team WHERE id = ANY(:ids)", vnext));

            long remaining = jdbc.sql("SELECT count(*) FROM organizations_team WHERE name LIKE ANY(:patterns)")
                    .param("patterns", patterns.toArray(String[]::new))
                    .query(Long.class)
                    .single();
            if (remaining != 0) {
                throw new IllegalStateException(remaining + " test teams remain after the cleanup; rolled back");
            }
            jdbc.sql("SET CONSTRAINTS ALL IMMEDIATE").update();
            long orphans = jdbc.sql("""
                    SELECT count(*) FROM organizations_migration_map m
                      LEFT JOIN teams_team l ON l.id = m.legacy_team_id
                      LEFT JOIN organizations_team v ON v.id = m.vnext_team_id
                     WHERE l.id IS NULL OR v.id IS NULL
                    """).query(Long.class).single();
            if (!commit) {
                status.setRollbackOnly();
            }
            List<String> names = new ArrayList<>();
            teams.forEach(row -> names.add((String) row.get("name")));
            return new Result(names, deleted, commit, orphans);
        });
    }

    private int delete(String sql, Long[] ids) {
        return ids.length == 0 ? 0 : jdbc.sql(sql).param("ids", ids).update();
    }
}
