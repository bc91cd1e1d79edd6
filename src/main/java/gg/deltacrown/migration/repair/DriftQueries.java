package gg.deltacrown.migration.repair;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The two things the report counts that the full verification does not compare: map rows not yet
 * verified (of a vNext team that exists) and BLOCKED outbox rows. Both are cheap on every pair;
 * everything else comes from {@link EveryPairCheck}.
 */
@Repository
class DriftQueries {

    private static final String UNVERIFIED = """
            SELECT 'unverified' AS kind, m.vnext_team_id, m.legacy_team_id
              FROM organizations_migration_map m
             WHERE NOT m.verified
               AND (NOT :scoped OR m.vnext_team_id = ANY(CAST(:ids AS integer[])))
               AND EXISTS (SELECT 1 FROM organizations_team vt WHERE vt.id = m.vnext_team_id)
            """;

    private static final String BLOCKED_OUTBOX = """
            SELECT DISTINCT 'blocked_outbox' AS kind, o.vnext_team_id, m.legacy_team_id
              FROM organizations_dualwrite_outbox o
              LEFT JOIN organizations_migration_map m ON m.vnext_team_id = o.vnext_team_id
             WHERE o.status = 'BLOCKED' AND (NOT :scoped OR o.vnext_team_id = ANY(CAST(:ids AS bigint[])))
            """;

    private final JdbcClient jdbc;

    DriftQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Unverified map rows and BLOCKED outbox rows of every team. */
    List<DriftItem> everywhere() {
        return run(false, List.of());
    }

    /** Unverified map rows and BLOCKED outbox rows of these vNext teams. */
    List<DriftItem> of(Collection<Long> vnextTeamIds) {
        return run(true, vnextTeamIds);
    }

    private List<DriftItem> run(boolean scoped, Collection<Long> vnextTeamIds) {
        Long[] ids = vnextTeamIds.toArray(Long[]::new);
        List<DriftItem> items = new ArrayList<>();
        for (String sql : List.of(UNVERIFIED, BLOCKED_OUTBOX)) {
            items.addAll(jdbc.sql(sql)
                    .param("scoped", scoped)
                    .param("ids", ids)
                    .query((rs, row) ->
                            new DriftItem(rs.getString("kind"), id(rs, "vnext_team_id"), id(rs, "legacy_team_id")))
                    .list());
        }
        return items;
    }

    /** A team id of either width (the map's columns are {@code integer}, the teams' {@code bigint}). */
    private static Long id(ResultSet rs, String column) throws SQLException {
        long id = rs.getLong(column);
        return rs.wasNull() ? null : id;
    }
}
