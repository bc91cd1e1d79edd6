package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ProfileRows;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import gg.deltacrown.teams.TeamRowsFixture;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two service instances on one database dispatch the same outbox: every entry applied once. */
class TwoInstancesProcessTests {

    private static final int TEAMS = 2000;

    @Test
    void twoInstancesShareTheOutboxWithoutApplyingAnyEntryTwice() {
        DatabaseUrl url = TestDatabase.instance().newDatabase("two_instances");
        String databaseUrl = url.jdbcUrl() + "?user=" + url.username();
        try (ServiceProcess first = ServiceProcess.start(environment(databaseUrl), "serve");
                ServiceProcess second = ServiceProcess.start(environment(databaseUrl), "serve")) {
            first.awaitOutput("DeltaCrown is running", Duration.ofSeconds(120));
            second.awaitOutput("DeltaCrown is running", Duration.ofSeconds(120));
            DataSource dataSource = new DriverManagerDataSource(url.jdbcUrl(), url.username(), "");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);

            jdbc.execute(BURST_USERS.formatted(TEAMS));
            ProfileRows.forUsernames(dataSource, "burst%");
            new TeamRowsFixture(dataSource).teams(BURST_TEAMS);
            jdbc.execute(BURST_OWNERS_AND_OUTBOX);

            Awaitility.await("all entries dispatched")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'",
                                    Integer.class)
                            == 0);

            assertThat(jdbc.queryForMap("""
                    SELECT count(*) AS rows, count(DISTINCT completed_by) AS instances, max(attempts) AS max_attempts
                      FROM organizations_dualwrite_outbox"""))
                    .containsEntry("rows", (long) TEAMS)
                    .containsEntry("instances", 2L)
                    .containsEntry("max_attempts", 1);
            assertThat(jdbc.queryForMap("""
                    SELECT count(*) AS maps, count(DISTINCT legacy_team_id) AS legacy_ids,
                           count(*) FILTER (WHERE verified) AS verified
                      FROM organizations_migration_map"""))
                    .containsEntry("maps", (long) TEAMS)
                    .containsEntry("legacy_ids", (long) TEAMS)
                    .containsEntry("verified", (long) TEAMS);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Long.class))
                    .isEqualTo(TEAMS);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM teams_teammembership WHERE role = 'OWNER'", Long.class))
                    .isEqualTo(TEAMS);
        }
    }

    private static Map<String, String> environment(String databaseUrl) {
        return Map.of(
                "DATABASE_URL",
                databaseUrl,
                "PORT",
                Integer.toString(ServiceProcess.freePort()),
                "OUTBOX_BATCH_SIZE",
                "50");
    }

    /** As many team creations as the API would commit: users (their profiles), teams, then OWNER memberships and outbox rows. */
    static final String BURST_USERS = """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                       is_active, date_joined, is_verified)
            SELECT '!', false, 'burst' || n, '', '', 'burst' || n || '@example.com', false, true, now(), false
              FROM generate_series(1, %1$d) AS n;
            """;

    static final String BURST_TEAMS = """
            SELECT nextval(pg_get_serial_sequence('organizations_team', 'id')), 'Burst Team ' || u.id,
                   'burst-team-' || u.id, NULL::bigint, u.id, 1, 'NA', 'ACTIVE', now()
              FROM accounts_user u WHERE u.username LIKE 'burst%'
            """;

    /** In one transaction: the dispatchers see no outbox row before its team's owner membership. */
    static final String BURST_OWNERS_AND_OUTBOX = """
            INSERT INTO organizations_membership (team_id, user_id, status, role, player_role, is_tournament_captain,
                                                  joined_at, left_reason)
            SELECT t.id, t.owner_id, 'ACTIVE', 'OWNER', '', false, now(), '' FROM organizations_team t;
            INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, actor_user_id)
            SELECT 'sync_team_created', t.id, t.owner_id FROM organizations_team t ORDER BY t.id;
            """;
}
