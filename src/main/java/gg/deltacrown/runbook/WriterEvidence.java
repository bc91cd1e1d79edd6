package gg.deltacrown.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which transaction wrote each legacy row, read from the rows themselves: a row version's
 * {@code xmin} is the id of the transaction that wrote it. A legacy row the request transaction
 * wrote carries the same {@code xmin} as the vNext row of the request (an inline write); a row
 * the dispatcher wrote carries the {@code xmin} of the transaction that marked the flow's outbox
 * row DONE (docs/adr/0025). Read-only.
 */
final class WriterEvidence {

    private static final String LEGACY_ROWS = """
            SELECT 'teams_team' AS relation, l.id, l.xmin::text AS xid
              FROM organizations_migration_map m JOIN teams_team l ON l.id = m.legacy_team_id
             WHERE m.vnext_team_id = :team
            UNION ALL
            SELECT 'teams_teammembership', l.id, l.xmin::text
              FROM organizations_migration_map m JOIN teams_teammembership l ON l.team_id = m.legacy_team_id
             WHERE m.vnext_team_id = :team
             ORDER BY 1, 2
            """;
    private static final String TEAM_XID = "SELECT xmin::text FROM organizations_team WHERE id = :id";
    private static final String MEMBERSHIP_XID = "SELECT xmin::text FROM organizations_membership WHERE id = :id";
    private static final String DISPATCHES = """
            SELECT id, xmin::text AS xid, coalesce(completed_by, '?') AS completed_by
              FROM organizations_dualwrite_outbox
             WHERE vnext_team_id = :team AND id > :mark AND status = 'DONE'
             ORDER BY id
            """;

    /** The vNext row a request wrote: its transaction is the request's. */
    enum VnextRow {
        TEAM,
        MEMBERSHIP
    }

    private final JdbcClient jdbc;

    WriterEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each legacy row of the team ("teams_team 7") with the transaction that wrote its current version. */
    Map<String, String> legacyRows(long team) {
        Map<String, String> rows = new LinkedHashMap<>();
        jdbc.sql(LEGACY_ROWS)
                .param("team", team)
                .query((rs, n) -> rows.put(rs.getString("relation") + " " + rs.getLong("id"), rs.getString("xid")))
                .list();
        return rows;
    }

    /** The transaction of the request that wrote this vNext row (read right after the request). */
    String requestTransaction(VnextRow row, long id) {
        return jdbc.sql(row == VnextRow.TEAM ? TEAM_XID : MEMBERSHIP_XID)
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse("?");
    }

    /**
     * The verdict for one request: which legacy rows changed since {@code before}, and whether
     * each was written by a dispatch of an outbox row after {@code mark} ({@code inline} false) or
     * by the request transaction itself ({@code inline} true, strict mode).
     */
    Outcome verdict(String what, long team, Map<String, String> before, String request, long mark, boolean inline) {
        Map<String, String> dispatches = new LinkedHashMap<>();
        jdbc.sql(DISPATCHES)
                .param("team", team)
                .param("mark", mark)
                .query((rs, n) -> dispatches.put(
                        rs.getString("xid"), "outbox row " + rs.getLong("id") + " by " + rs.getString("completed_by")))
                .list();
        List<String> changed = new ArrayList<>();
        Set<String> writers = new TreeSet<>();
        boolean ok = true;
        for (Map.Entry<String, String> row : legacyRows(team).entrySet()) {
            if (row.getValue().equals(before.get(row.getKey()))) {
                continue;
            }
            changed.add(row.getKey());
            writers.add(row.getValue());
            boolean expected = inline ? row.getValue().equals(request) : dispatches.containsKey(row.getValue());
            ok &= expected && (inline || !row.getValue().equals(request));
        }
        if (changed.isEmpty()) {
            return Outcome.fail(what + ": no legacy row changed (request transaction " + request + ")");
        }
        List<String> by = new ArrayList<>();
        for (String writer : writers) {
            by.add(writer
                    + (writer.equals(request)
                            ? " (the request)"
                            : dispatches.containsKey(writer) ? " = dispatch of " + dispatches.get(writer) : ""));
        }
        return Outcome.of(
                ok,
                what + ": request transaction " + request + "; legacy " + String.join(", ", changed) + " written by "
                        + String.join(", ", by));
    }
}
