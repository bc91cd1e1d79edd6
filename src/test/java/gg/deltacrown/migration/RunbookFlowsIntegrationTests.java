package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.database.RunbookSql;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.CapturedLogs;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.LegacyModelRules;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Phase 3 of the staging runbook over real HTTP with dual-write on: the five curl flows, then the
 * runbook's own SQL checks through the compatibility views, and the log events it greps.
 */
@IntegrationTest
class RunbookFlowsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OutboxAdmin outbox;

    @Test
    void theFiveFlowsLeaveMatchingVerifiedLegacyShadows() {
        AccountFixture fixture = new AccountFixture(accounts);
        Account testuser = fixture.player("testuser");
        Account testmember = fixture.player("testmember");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.ENV, "env@staging", "Phase 2");
        ApiClient api = new ApiClient(port);
        String token = api.login("testuser", "testpass");

        try (CapturedLogs dualWrite = CapturedLogs.of(DualWriteEvents.class);
                CapturedLogs scheduled = CapturedLogs.of(Outbox.class)) {
            // Flow 1: independent team creation
            Reply created = api.post("/api/vnext/teams/create/", """
                    {"name": "Staging Test Team Alpha", "game_id": 1, "region": "NA",
                     "branding": {"logo_url": "https://cdn.example.com/test.png", "primary_color": "#FF0000"}}
                    """, token);
            assertThat(created.status()).isEqualTo(201);
            long teamId = created.json().get("team_id").asLong();
            assertThat(created.json().get("team_url").asString())
                    .isEqualTo("/organizations/teams/staging-test-team-alpha/");
            awaitDrained();
            Map<String, Object> step4 = jdbc.queryForMap(RunbookSql.STEP_4_JOIN.replace("123", Long.toString(teamId)));
            assertThat(step4)
                    .containsEntry("vnext_name", "Staging Test Team Alpha")
                    .containsEntry("legacy_name", "Staging Test Team Alpha")
                    .containsEntry("vnext_slug", "staging-test-team-alpha")
                    .containsEntry("legacy_slug", "staging-test-team-alpha")
                    .containsEntry("legacy_game", "valorant")
                    .containsEntry("legacy_region", "NA")
                    .containsEntry("mapping_verified", true);

            // Flow 2: add member
            Reply added = api.post(
                    "/api/vnext/teams/staging-test-team-alpha/members/add/",
                    "{\"user_lookup\": \"testmember\", \"role\": \"PLAYER\", \"is_active\": true}",
                    token);
            assertThat(added.status()).isEqualTo(200);
            long membershipId = added.json().get("membership_id").asLong();
            awaitDrained();
            assertThat(jdbc.queryForMap(
                            RunbookSql.FLOW_2_LEGACY_MEMBERSHIP.replace("789", Long.toString(membershipId))))
                    .containsEntry("user_id", testmember.id())
                    .containsEntry("role", "PLAYER")
                    .containsEntry("vnext_role", "PLAYER");

            // Flow 3: role update
            assertThat(api.post(
                                    "/api/vnext/teams/staging-test-team-alpha/members/" + membershipId + "/role/",
                                    "{\"role\": \"SUBSTITUTE\"}",
                                    token)
                            .status())
                    .isEqualTo(200);
            // Flow 4: settings
            assertThat(api.post("/api/vnext/teams/staging-test-team-alpha/settings/", """
                    {"region": "EU", "description": "Updated via dual-write test",
                     "logo_url": "https://cdn.example.com/updated.png"}""", token)
                            .status())
                    .isEqualTo(200);
            awaitDrained();
            assertThat(jdbc.queryForObject(
                            "SELECT role FROM teams_teammembership WHERE user_id = ?", String.class, testmember.id()))
                    .isEqualTo("SUBSTITUTE");
            assertThat(jdbc.queryForMap("""
                    SELECT id, region, description, logo_url
                    FROM teams_team
                    WHERE id = (SELECT legacy_team_id FROM organizations_teammigrationmap WHERE vnext_team_id = ?)""", teamId))
                    .containsEntry("region", "EU")
                    .containsEntry("description", "Updated via dual-write test")
                    .containsEntry("logo_url", "https://cdn.example.com/updated.png");
            assertThat(jdbc.queryForObject(
                            "SELECT branding->>'logo_url' FROM organizations_team WHERE id = ?", String.class, teamId))
                    .isEqualTo("https://cdn.example.com/updated.png");

            // Flow 5: remove member
            assertThat(api.post(
                                    "/api/vnext/teams/staging-test-team-alpha/members/" + membershipId + "/remove/",
                                    null,
                                    token)
                            .status())
                    .isEqualTo(200);
            awaitDrained();
            assertThat(jdbc.queryForObject(
                            "SELECT status FROM organizations_teammembership WHERE id = ?", String.class, membershipId))
                    .isEqualTo("INACTIVE");
            assertThat(jdbc.queryForMap(
                            "SELECT status, left_at FROM teams_teammembership WHERE user_id = ?", testmember.id()))
                    .containsEntry("status", "REMOVED")
                    .extractingByKey("left_at")
                    .isNotNull();
            assertThat(jdbc.queryForObject("SELECT verified FROM organizations_migration_map", Boolean.class))
                    .isTrue();

            // The log lines the runbook greps, with its ids.
            assertThat(scheduled.events("dual_write_scheduled"))
                    .extracting(e -> e.get("operation"))
                    .containsExactly(
                            "sync_team_created",
                            "sync_team_member_added",
                            "sync_team_member_updated",
                            "sync_team_settings_updated",
                            "sync_team_member_removed");
            assertThat(scheduled.events("dual_write_scheduled").get(0))
                    .containsEntry("team_id", teamId)
                    .containsEntry("user_id", testuser.id());
            assertThat(scheduled.events("dual_write_scheduled").get(1)).containsEntry("membership_id", membershipId);
            assertThat(dualWrite.events("dual_write_completed"))
                    .hasSize(5)
                    .allSatisfy(event -> assertThat(event)
                            .containsKeys("duration_ms", "lag_ms")
                            .containsEntry("verified", true));
            assertThat(dualWrite.events("dual_write_failed")).isEmpty();
        }
    }

    /** Waits for the flow's shadow, then checks it as the legacy app would (Team.clean(), TeamMembership.clean()). */
    private void awaitDrained() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> outbox.status().pendingCount() == 0);
        assertThat(LegacyModelRules.violations(jdbc)).isEmpty();
    }
}
