package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.IntegrationTest;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shadow writer's lookups by key reach a backlog-sized legacy table through its indexes,
 * whatever the planner thinks a scan costs (docs/adr/0031): on 30,000 legacy teams, a custom plan
 * for 500 keys of {@code column = ANY(:keys)} read the whole table; the probes must not. The teams
 * are written in a transaction that is rolled back.
 */
@IntegrationTest
class LegacyLookupPlansIntegrationTests {

    private static final int TEAMS = 30_000;
    private static final int BATCH = 500;

    @Autowired
    LegacyTeams legacyTeams;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBacklogBatchsLookupsProbeTheIndexesOfAThirtyThousandTeamTable() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            int written = legacyTeams.insertTeams(LegacyWriteReason.TEST_FIXTURE, """
                    SELECT nextval(pg_get_serial_sequence('teams_team', 'id')), 'Plan Probe ' || g, 'PP' || g, '',
                           NULL, now(), 'valorant', NULL, 'NA', 'plan-probe-' || g, true, ''
                      FROM generate_series(1, %d) AS g
                    """.formatted(TEAMS));
            assertThat(written).isEqualTo(TEAMS);
            List<Long> ids = jdbc.sql("SELECT id FROM teams_team WHERE starts_with(name, 'Plan Probe ') LIMIT " + BATCH)
                    .query(Long.class)
                    .list();
            assertThat(ids).hasSize(BATCH);
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();

            String teams = plan(LegacyShadowTables.SELECT_TEAMS, "ids", ids.toArray(Long[]::new), List.of());
            String holders = plan(
                    LegacyShadowTables.SELECT_HOLDERS,
                    "names",
                    values("Plan Probe "),
                    List.of("tags", values("PP"), "slugs", values("plan-probe-")));
            assertThat(teams).contains("\"Index Scan\"").doesNotContain("\"Seq Scan\"");
            assertThat(holders).contains("\"Index Name\"").doesNotContain("\"Seq Scan\"");
        });
    }

    private String plan(String sql, String name, Object[] keys, List<Object> more) {
        var statement = jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).param(name, keys);
        for (int i = 0; i < more.size(); i += 2) {
            statement = statement.param((String) more.get(i), more.get(i + 1));
        }
        return String.join("\n", statement.query(String.class).list());
    }

    private static String[] values(String prefix) {
        return LongStream.rangeClosed(1, BATCH)
                .mapToObj(n -> prefix + (n * 37 % TEAMS + 1))
                .toArray(String[]::new);
    }
}
