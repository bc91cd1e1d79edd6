package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ProfileRows;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import gg.deltacrown.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A service process is killed with SIGKILL in the middle of a burst of team creations. After a
 * restart every committed vNext team has exactly one legacy shadow, verified: nothing lost, nothing
 * doubled.
 */
class CrashRecoveryProcessTests {

    private static final int WRITES = 2400;
    private static final int GAMES = 9;
    private static final int USERS = WRITES / GAMES + 1;

    @Test
    void noShadowIsLostOrDoubledWhenTheServiceIsKilledMidBurst() throws Exception {
        DatabaseUrl url = TestDatabase.instance().newDatabase("crash");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url.jdbcUrl(), url.username(), ""));
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", url.jdbcUrl() + "?user=" + url.username(),
                "DELTACROWN_SECRET_KEY", TestTokens.SECRET,
                "API_THROTTLE_USER", "off",
                "API_THROTTLE_ANON", "off",
                "TEAM_VNEXT_DUAL_WRITE_ENABLED", "true",
                "LOG_LEVEL", "WARN"));
        int port = ServiceProcess.freePort();
        env.put("PORT", Integer.toString(port));
        // A deliberately slow dispatcher, so a backlog of committed-but-unmirrored writes exists at the kill.
        env.put("OUTBOX_WORKERS", "1");
        env.put("OUTBOX_BATCH_SIZE", "1");

        AtomicInteger created = new AtomicInteger();
        long pendingAtKill;
        try (ServiceProcess service = ServiceProcess.start(env, "serve")) {
            service.awaitOutput("DeltaCrown is running", Duration.ofSeconds(120));
            jdbc.execute(USERS_SQL.formatted(USERS));
            ProfileRows.forUsernames(jdbc.getDataSource(), "crash%");
            List<Long> userIds = jdbc.queryForList("SELECT id FROM accounts_user ORDER BY id", Long.class);

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            ExecutorService writers = Executors.newFixedThreadPool(12);
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < 12; w++) {
                writers.submit(() -> {
                    for (int n = next.getAndIncrement(); n < WRITES; n = next.getAndIncrement()) {
                        if (create(http, port, userIds.get(n / GAMES), n) == 201) {
                            created.incrementAndGet();
                        }
                    }
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> created.get() >= WRITES / 2);
            service.kill();
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            pendingAtKill = jdbc.queryForObject(
                    "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'", Long.class);
        }
        assertThat(created.get()).isBetween(WRITES / 2, WRITES - 1);
        assertThat(pendingAtKill)
                .as("committed writes not yet mirrored when the process died")
                .isPositive();

        env.remove("OUTBOX_WORKERS");
        env.remove("OUTBOX_BATCH_SIZE");
        env.put("PORT", Integer.toString(ServiceProcess.freePort()));
        try (ServiceProcess restarted = ServiceProcess.start(env, "serve")) {
            restarted.awaitOutput("DeltaCrown is running", Duration.ofSeconds(120));
            Awaitility.await("backlog drained after restart")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'",
                                    Long.class)
                            == 0);

            long vnextTeams = jdbc.queryForObject("SELECT count(*) FROM organizations_team", Long.class);
            assertThat(vnextTeams).isGreaterThanOrEqualTo(created.get());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_dualwrite_outbox", Long.class))
                    .isEqualTo(vnextTeams);
            assertThat(jdbc.queryForMap("""
                    SELECT count(*) AS maps, count(DISTINCT m.vnext_team_id) AS teams,
                           count(DISTINCT m.legacy_team_id) AS shadows, count(*) FILTER (WHERE m.verified) AS verified,
                           count(l.id) AS existing_shadows
                      FROM organizations_migration_map m LEFT JOIN teams_team l ON l.id = m.legacy_team_id"""))
                    .containsEntry("maps", vnextTeams)
                    .containsEntry("teams", vnextTeams)
                    .containsEntry("shadows", vnextTeams)
                    .containsEntry("verified", vnextTeams)
                    .containsEntry("existing_shadows", vnextTeams);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Long.class))
                    .isEqualTo(vnextTeams);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM teams_teammembership WHERE role = 'OWNER' AND status = 'ACTIVE'",
                            Long.class))
                    .isEqualTo(vnextTeams);
        }
    }

    private static int create(HttpClient http, int port, long userId, int n) {
        String body = "{\"name\":\"Crash Team " + n + "\",\"game_id\":" + (n % GAMES + 1) + ",\"region\":\"NA\"}";
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/vnext/teams/create/"))
                                    .header("Authorization", "Bearer " + TestTokens.access(userId))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(20))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1; // the process died under this request
        }
    }

    private static final String USERS_SQL = """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                       is_active, date_joined, is_verified)
            SELECT '!', false, 'crash' || n, '', '', 'crash' || n || '@example.com', false, true, now(), false
              FROM generate_series(1, %d) AS n;
            """;
}
