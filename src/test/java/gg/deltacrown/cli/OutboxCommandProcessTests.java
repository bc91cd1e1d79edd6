package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The {@code outbox} subcommand as an operator runs it. */
class OutboxCommandProcessTests {

    private static final Duration CLI = Duration.ofSeconds(120);

    @Test
    void showsListsUnblocksAndPurges() {
        DatabaseUrl url = TestDatabase.instance().newDatabase("outbox_cli");
        Map<String, String> env = Map.of("DATABASE_URL", url.jdbcUrl() + "?user=" + url.username());
        ServiceProcess.Result empty = ServiceProcess.run(env, CLI, "outbox");
        assertThat(empty.exitCode()).as(empty.output()).isZero();
        assertThat(empty.output()).contains("pending:              0", "blocked:              0");

        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url.jdbcUrl(), url.username(), ""));
        jdbc.execute("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, blocked_reason,
                                                            last_error, created_at)
                VALUES ('sync_team_created', 1, 'BLOCKED', 10, 'max_attempts', 'permission denied for table teams_team',
                        now() - interval '1 hour'),
                       ('sync_team_member_added', 2, 'PENDING', 2, NULL, 'timeout', now() - interval '90 seconds');
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, created_at,
                                                            completed_at)
                VALUES ('sync_team_settings_updated', 3, 'DONE', 1, now() - interval '9 days', now() - interval '9 days'),
                       ('sync_team_settings_updated', 3, 'DONE', 1, now(), now());
                """);

        String status = ServiceProcess.run(env, CLI, "outbox").output();
        assertThat(status)
                .contains(
                        "pending:              1 (1 retrying after a failure)",
                        "blocked:              1",
                        "completed last hour:  1",
                        "outbox unblock --all");
        assertThat(status).containsPattern("oldest pending age:   (9\\d|1\\d\\d)\\.\\d s");

        String blocked = ServiceProcess.run(env, CLI, "outbox", "list", "--status", "blocked")
                .output();
        assertThat(blocked)
                .containsPattern("(?m)^1 BLOCKED sync_team_created team_id=1 attempts=10 .*"
                        + "blocked_reason=max_attempts last_error=\"permission denied for table teams_team\"$");

        ServiceProcess.Result unblock = ServiceProcess.run(env, CLI, "outbox", "unblock", "--all");
        assertThat(unblock.output()).contains("unblocked: 1 row(s)");
        assertThat(jdbc.queryForMap("SELECT status, attempts FROM organizations_dualwrite_outbox WHERE id = 1"))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 0);

        ServiceProcess.Result purge = ServiceProcess.run(env, CLI, "outbox", "purge");
        assertThat(purge.output()).contains("purged: 1 completed row(s) older than PT168H");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_dualwrite_outbox", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void refusesBadArgumentsWithoutTouchingTheDatabase() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");

        ServiceProcess.Result neither = ServiceProcess.run(env, CLI, "outbox", "unblock");
        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.output().strip()).isEqualTo("unblock: give row ids or --all (not both)");

        ServiceProcess.Result badAge = ServiceProcess.run(env, CLI, "outbox", "purge", "--older-than", "soon");
        assertThat(badAge.exitCode()).isEqualTo(1);
        assertThat(badAge.output().strip())
                .isEqualTo("purge: --older-than must look like 7d, 12h, 30m or 45s (got 'soon')");

        ServiceProcess.Result unknown = ServiceProcess.run(env, CLI, "outbox", "list", "--colour");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("Unknown option: '--colour'");
    }
}
