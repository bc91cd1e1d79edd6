package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.database.RequestTimeouts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A team row locked by another connection (psql, a migration, Django): the writes behind it fail
 * with 503 within the lock timeout instead of holding pooled connections, reads carry on, and
 * transactions that are not a request's (the outbox dispatcher's) keep the server's defaults.
 */
@IntegrationTest
class RequestTimeoutsIntegrationTests {

    private static final String LOCK = "SELECT id FROM organizations_team WHERE slug = ? FOR UPDATE";
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final String WAITING = """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'
            """;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    RequestTimeouts limits;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    String token;
    String locked;
    String other;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        new AccountFixture(accounts).player("alice");
        token = api.login("alice", AccountFixture.PASSWORD);
        locked = createTeam("Locked Team", 1);
        other = createTeam("Other Team", 2);
    }

    @Test
    void writesBehindAnExternalRowLockAre503WithinTheLockTimeoutWhileReadsStayFast() throws Exception {
        try (Connection psql = DatabaseOwner.dataSource(environment, dataSource).getConnection()) {
            lock(psql, locked);
            List<CompletableFuture<Timed>> writes = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> timed(() -> settings(locked, "blocked " + i))))
                    .toList();
            Awaitility.await("five writes waiting for the lock")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(WAITING, Integer.class) == 5);
            List<Timed> reads = List.of(
                    timed(() -> api.get("/api/vnext/teams/" + other + "/detail/", token)),
                    timed(() -> api.get("/api/vnext/teams/" + locked + "/detail/", token)),
                    timed(() -> settings(other, "not blocked")));

            for (CompletableFuture<Timed> future : writes) {
                Timed write = future.join();
                assertThat(write.reply().status()).as(write.reply().toString()).isEqualTo(503);
                assertThat(write.reply().body())
                        .isEqualTo("{\"error\":\"Service temporarily unavailable, please retry.\","
                                + "\"code\":\"SERVICE_UNAVAILABLE\"}");
                assertThat(write.reply().header("Retry-After")).isEqualTo("1");
                // The lock timeout plus slack for a loaded machine; without it the write would wait
                // for as long as the lock is held (here: until every answer is in).
                assertThat(write.took()).isLessThan(limits.lockTimeout().plus(SLACK));
            }
            for (Timed read : reads) {
                assertThat(read.reply().status()).as(read.reply().toString()).isEqualTo(200);
                assertThat(read.took()).isLessThan(limits.lockTimeout());
            }
            psql.rollback();
        }
        assertThat(settings(locked, "after the lock").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT description FROM organizations_team WHERE slug = ?", String.class, locked))
                .isEqualTo("after the lock");
    }

    @Test
    void thirtyWritesBehindOneLockAreAll503NeverA500() throws Exception {
        try (Connection psql = DatabaseOwner.dataSource(environment, dataSource).getConnection()) {
            lock(psql, locked);
            long started = System.nanoTime();
            List<Reply> replies = IntStream.range(0, 30)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> settings(locked, "burst " + i)))
                    .toList()
                    .stream()
                    .map(CompletableFuture::join)
                    .toList();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            psql.rollback();

            assertThat(replies).extracting(Reply::status).containsOnly(503);
            assertThat(replies)
                    .allSatisfy(reply -> assertThat(reply.header("Retry-After")).isNotNull());
            // Ten wait for the lock, twenty for a pooled connection (DB_CONNECTION_TIMEOUT).
            assertThat(took).isLessThan(limits.lockTimeout().plusSeconds(1).plus(SLACK));
        }
    }

    @Test
    void onlyRequestTransactionsGetTheTimeouts() {
        TransactionTemplate readWrite = new TransactionTemplate(transactions);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);

        List<String> background = settingsIn(readWrite);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        List<String> request;
        List<String> requestReadOnly;
        try {
            request = settingsIn(readWrite);
            requestReadOnly = settingsIn(readOnly);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }

        assertThat(background).as("a dispatcher's transaction").containsExactly("0", "0");
        assertThat(request).containsExactly("5s", "2s");
        assertThat(requestReadOnly).as("the validation report's snapshot").containsExactly("0", "2s");
        assertThat(settingsIn(readWrite))
                .as("SET LOCAL ends with the transaction")
                .containsExactly("0", "0");
    }

    private List<String> settingsIn(TransactionTemplate transaction) {
        return transaction.execute(status -> List.of(
                jdbc.queryForObject("SHOW statement_timeout", String.class),
                jdbc.queryForObject("SHOW lock_timeout", String.class)));
    }

    private static void lock(Connection connection, String slug) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setString(1, slug);
            assertThat(statement.executeQuery().next()).isTrue();
        }
    }

    private Reply settings(String slug, String description) {
        return api.post("/api/vnext/teams/" + slug + "/settings/", "{\"description\":\"" + description + "\"}", token);
    }

    private String createTeam(String name, int game) {
        return api.post("/api/vnext/teams/create/", "{\"name\":\"" + name + "\",\"game_id\":" + game + "}", token)
                .json()
                .get("team_slug")
                .asString();
    }

    private record Timed(Reply reply, Duration took) {}

    private static Timed timed(java.util.function.Supplier<Reply> request) {
        long started = System.nanoTime();
        Reply reply = request.get();
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
    }
}
