package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Phase 5.2 counts statements per request from {@code pg_stat_statements}, on a server that
 * loads it, leaving the service's background polls out; without it, it says so.
 */
class StatementCountsTests {

    static EmbeddedPostgres server;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        jdbc = JdbcClient.create(new SingleConnectionDataSource(server.getJdbcUrl("postgres", "postgres"), true));
        jdbc.sql("CREATE EXTENSION pg_stat_statements").update();
        jdbc.sql("CREATE TABLE organizations_team (id int)").update();
        jdbc.sql("CREATE TABLE teams_team (id int)").update();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void countsTheStatementsOfEachRequestAndThoseOnTheLegacyTables() {
        StatementCounts counts = new StatementCounts(jdbc);

        StatementCounts.Snapshot before = counts.snapshot();
        for (int request = 0; request < 4; request++) {
            jdbc.sql("INSERT INTO organizations_team VALUES (:id)")
                    .param("id", request)
                    .update();
            jdbc.sql("SELECT count(*) FROM organizations_team")
                    .query(Long.class)
                    .single();
            // the dispatcher's idle claim: background, not the request's
            jdbc.sql("SELECT id FROM organizations_team FOR UPDATE SKIP LOCKED")
                    .query(Long.class)
                    .list();
        }
        counts.add(false, before, counts.snapshot(), 4);
        before = counts.snapshot();
        for (int request = 0; request < 2; request++) {
            jdbc.sql("INSERT INTO organizations_team VALUES (:id)")
                    .param("id", request)
                    .update();
            jdbc.sql("INSERT INTO teams_team VALUES (:id)").param("id", request).update();
        }
        counts.add(true, before, counts.snapshot(), 2);

        Outcome outcome = counts.outcome();
        assertThat(outcome.passed()).as(outcome.evidence()).isTrue();
        assertThat(outcome.evidence()).contains("off 2.0, on 2.0", "on teams_*: off 0.0, on 1.0");
    }

    @Test
    void aLegacyStatementWithDualWriteOffFails() {
        StatementCounts counts = new StatementCounts(jdbc);

        StatementCounts.Snapshot before = counts.snapshot();
        jdbc.sql("SELECT count(*) FROM teams_team").query(Long.class).single();
        counts.add(false, before, counts.snapshot(), 1);

        assertThat(counts.outcome().failed()).isTrue();
    }

    @Test
    void withoutTheExtensionItSaysSoAndCountsNothing() {
        DatabaseUrl admin = TestDatabase.instance().admin();
        JdbcClient plain = JdbcClient.create(new SingleConnectionDataSource(
                admin.jdbcUrl(), admin.username(), admin.password() == null ? "" : admin.password(), true));
        StatementCounts counts = new StatementCounts(plain);

        counts.add(false, counts.snapshot(), counts.snapshot(), 1);

        assertThat(counts.outcome().passed()).isTrue();
        assertThat(counts.outcome().evidence()).contains("pg_stat_statements is not loaded on this server");
    }
}
