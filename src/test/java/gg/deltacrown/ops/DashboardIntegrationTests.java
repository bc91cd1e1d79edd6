package gg.deltacrown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The dashboard's numbers and series over real HTTP, against outbox rows with known timestamps. */
@IntegrationTest
class DashboardIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String operator;

    @BeforeEach
    void setUp() {
        new AccountFixture(accounts).staff("operator");
        new AccountFixture(accounts).player("testuser");
        api = new ApiClient(port);
        operator = api.login("operator", AccountFixture.PASSWORD);
    }

    @Test
    void seriesCountPerMinuteWhatTheOutboxRowsSay() {
        OutboxHistory history = new OutboxHistory(jdbc);
        history.pending(120); // open since before the window
        history.completedLater(70, 8); // open when the window began, completed 8 minutes ago
        for (long lag : List.of(100, 200, 300, 400)) {
            history.completed(10, 5, lag);
        }
        long retried = history.pending(3);
        history.pending(3);
        long blocked = history.blocked(3, "permission denied for table teams_team");
        history.failAttempt(retried, "deadlock detected");
        history.failAttempt(blocked, "permission denied for table teams_team");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "operator", "Phase 2");

        Reply reply = api.get("/api/admin/dashboard/series/?window=hour", operator);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode series = reply.json();
        assertThat(series.get("window").asString()).isEqualTo("hour");
        assertThat(series.get("bucket_seconds").asInt()).isEqualTo(60);
        List<Long> minutes = longs(series.get("t"));
        assertThat(minutes).hasSize(60);
        int tenAgo = minutes.indexOf(history.minute(10));
        int eightAgo = minutes.indexOf(history.minute(8));
        int threeAgo = minutes.indexOf(history.minute(3));
        assertThat(List.of(tenAgo, eightAgo, threeAgo)).doesNotContain(-1);

        assertThat(series.get("completed").get(tenAgo).asLong()).isEqualTo(4);
        assertThat(series.get("completed").get(eightAgo).asLong()).isEqualTo(1);
        assertThat(sum(series.get("completed"))).isEqualTo(5);
        assertThat(series.get("created").get(tenAgo).asLong()).isEqualTo(4);
        assertThat(series.get("created").get(threeAgo).asLong()).isEqualTo(3);
        assertThat(series.get("lag_p50_ms").get(tenAgo).asDouble()).isEqualTo(250.0);
        assertThat(series.get("lag_p99_ms").get(tenAgo).asDouble()).isEqualTo(397.0);
        assertThat(series.get("lag_p50_ms").get(threeAgo).isNull()).isTrue();
        assertThat(series.get("backlog").get(0).asLong()).isEqualTo(2);
        assertThat(series.get("backlog").get(tenAgo).asLong()).isEqualTo(2);
        assertThat(series.get("backlog").get(eightAgo).asLong()).isEqualTo(1);
        assertThat(series.get("backlog").get(threeAgo).asLong()).isEqualTo(4);
        assertThat(series.get("backlog").get(59).asLong()).isEqualTo(4);
        assertThat(sum(series.get("failed"))).isEqualTo(2);
        JsonNode marker = series.get("flag_changes").get(0);
        assertThat(marker.get("name").asString()).isEqualTo("TEAM_VNEXT_DUAL_WRITE_ENABLED");
        assertThat(marker.get("new_value").asString()).isEqualTo("true");
        assertThat(marker.get("changed_by").asString()).isEqualTo("operator");
    }

    @Test
    void aCompletionAndAnUnblockAreNotFailures() {
        OutboxHistory history = new OutboxHistory(jdbc);
        long row = history.blocked(1, "boom");
        jdbc.update("UPDATE organizations_dualwrite_outbox SET status = 'PENDING', attempts = 0 WHERE id = ?", row);
        jdbc.update(
                "UPDATE organizations_dualwrite_outbox SET status = 'DONE', attempts = 1, completed_at = now() WHERE id = ?",
                row);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_dualwrite_failure", Long.class))
                .isZero();
    }

    @Test
    void theDayHasOneBucketPerMinuteEndingWithTheCurrentOne() {
        OutboxHistory history = new OutboxHistory(jdbc);
        history.completed(23 * 60, 0, 50);

        JsonNode series =
                api.get("/api/admin/dashboard/series/?window=day", operator).json();

        List<Long> minutes = longs(series.get("t"));
        assertThat(minutes).hasSize(1440);
        for (int i = 1; i < minutes.size(); i++) {
            assertThat(minutes.get(i) - minutes.get(i - 1)).isEqualTo(60);
        }
        assertThat(minutes.get(1439)).isGreaterThanOrEqualTo(history.minute(0));
        assertThat(sum(series.get("completed"))).isEqualTo(1);
    }

    @Test
    void anUnknownWindowIsABadRequestAndTheSeriesAreForStaffOnly() {
        Reply bad = api.get("/api/admin/dashboard/series/?window=week", operator);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(bad.json().get("error").asString()).contains("hour or day");

        String player = api.login("testuser", AccountFixture.PASSWORD);
        assertThat(api.get("/api/admin/dashboard/series/", player).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/dashboard/report-runs/", null, player).status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/dashboard/", null).status()).isEqualTo(401);
    }

    @Test
    void runningTheReportStoresARunWhoseNumbersAreTheDatabases() {
        vnext.createTeam(accounts.byUsername("testuser").orElseThrow(), "Dash Team", 1, "NA");
        assertThat(api.get("/api/admin/dashboard/", operator)
                        .json()
                        .get("latest_report")
                        .isNull())
                .isTrue();

        Reply reply = api.post("/api/admin/dashboard/report-runs/", null, operator);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode report = reply.json().get("latest_report");
        assertThat(report.get("requested_by").asString()).isEqualTo("operator");
        assertThat(report.get("coverage").get("vnext_teams").asLong())
                .isEqualTo(count("SELECT count(*) FROM organizations_team"))
                .isEqualTo(1);
        assertThat(report.get("coverage").get("legacy_teams").asLong())
                .isEqualTo(count("SELECT count(*) FROM teams_team WHERE is_active"));
        assertThat(report.get("mapping_health").get("total_mappings").asLong())
                .isEqualTo(count("SELECT count(*) FROM organizations_migration_map"));
        assertThat(count("SELECT count(*) FROM organizations_validation_report_run"))
                .isEqualTo(1);
        assertThat(count("SELECT (report #>> '{coverage,vnext_team_count}')::bigint"
                        + " FROM organizations_validation_report_run"))
                .isEqualTo(1);
        JsonNode outbox = reply.json().get("outbox");
        assertThat(outbox.get("pending_count").asLong())
                .isEqualTo(count("SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'"));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asLong()));
        return values;
    }

    private static long sum(JsonNode array) {
        return longs(array).stream().mapToLong(Long::longValue).sum();
    }
}
