package gg.deltacrown.ops;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The staff-only admin API: flags and the outbox. */
@IntegrationTest
class AdminApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String operator;
    String player;

    @BeforeEach
    void setUp() {
        AccountFixture fixture = new AccountFixture(accounts);
        fixture.staff("operator");
        fixture.player("testuser");
        api = new ApiClient(port);
        operator = api.login("operator", AccountFixture.PASSWORD);
        player = api.login("testuser", AccountFixture.PASSWORD);
    }

    @Test
    void listsEveryFlagWithItsSource() {
        Reply reply = api.get("/api/admin/flags/", operator);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("flags")).hasSize(Flag.values().length);
        assertThat(reply.json().get("flags").get(0).get("name").asString()).isEqualTo("TEAM_VNEXT_FORCE_LEGACY");
        assertThat(reply.json().get("flags").get(0).get("source").asString()).isEqualTo("default");
    }

    @Test
    void changesAFlagAtRuntimeRecordingWhoAndWhy() {
        Reply reply = api.post(
                "/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/",
                "{\"value\": \"on\", \"reason\": \"Phase 2 of the staging runbook\"}",
                operator);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("value").asString()).isEqualTo("true");
        assertThat(reply.json().get("source").asString()).isEqualTo("runtime");
        assertThat(reply.json().get("changed_by").asString()).isEqualTo("operator");
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isTrue();
    }

    @Test
    void refusesBadFlagChangesWithFieldDetailsAndChangesNothing() {
        Reply invalid = api.post(
                "/api/admin/flags/TEAM_VNEXT_ROUTING_MODE/", "{\"value\": \"sideways\", \"reason\": \"x\"}", operator);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalid.json().get("details").get("value").get(0).asString()).contains("invalid value 'sideways'");

        Reply noReason = api.post("/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/", "{\"value\": true}", operator);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("details").get("reason").get(0).asString())
                .isEqualTo("This field is required.");

        assertThat(api.post("/api/admin/flags/NO_SUCH_FLAG/", "{\"value\": \"1\", \"reason\": \"x\"}", operator)
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/", "{not json", operator)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("PARSE_ERROR");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_feature_flag_change", Integer.class))
                .isZero();
    }

    @Test
    void isStaffOnly() {
        assertThat(api.get("/api/admin/flags/", player).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/outbox/", null).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/",
                                "{\"value\": \"on\", \"reason\": \"x\"}",
                                player)
                        .status())
                .isEqualTo(403);
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isFalse();
    }

    @Test
    void showsAndUnblocksTheOutbox() {
        jdbc.update("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, blocked_reason,
                                                            last_error)
                VALUES ('sync_team_created', 999, 'BLOCKED', 10, 'max_attempts', 'permission denied')""");

        Reply status = api.get("/api/admin/outbox/?status=blocked", operator);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("blocked_count").asLong()).isEqualTo(1);
        assertThat(status.json().get("entries").get(0).get("blocked_reason").asString())
                .isEqualTo("max_attempts");

        assertThat(api.post("/api/admin/outbox/unblock/", "{}", operator).status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/outbox/?status=lost", operator).status()).isEqualTo(400);
        Reply unblocked = api.post("/api/admin/outbox/unblock/", "{\"all\": true}", operator);
        assertThat(unblocked.json().get("unblocked").asInt()).isEqualTo(1);
    }
}
