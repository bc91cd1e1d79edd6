package gg.deltacrown.teams.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.DualWrite;
import gg.deltacrown.migration.DualWriteFailedException;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.util.AopTestUtils;

/**
 * Every successful vNext write records exactly one dual-write change in its own transaction, a
 * refused one none; a failing strict shadow write or the legacy write guard rolls the request back.
 */
@IntegrationTest
class DualWriteHookIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoSpyBean
    DualWrite dualWrite;

    TeamApi teams;
    Account owner;
    String token;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        teams = new TeamApi(api);
        owner = new AccountFixture(accounts).player("testuser");
        new AccountFixture(accounts).player("testmember");
        token = api.login("testuser", "testpass");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "hook test");
    }

    @Test
    void eachRunbookFlowLeavesExactlyOneOutboxRowOfItsOperation() {
        String slug = teams.createTeam(token, "Staging Test Team Alpha", 1);
        long teamId = jdbc.queryForObject("SELECT id FROM organizations_team WHERE slug = ?", Long.class, slug);
        assertThat(outbox()).containsExactly(row("sync_team_created", teamId, null));

        long membershipId = teams.addMember(token, slug, "testmember", "PLAYER");
        assertThat(teams.changeRole(token, slug, membershipId, "{\"role\":\"SUBSTITUTE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(teams.settings(token, slug, "{\"region\":\"EU\"}").status()).isEqualTo(200);
        assertThat(teams.remove(token, slug, membershipId).status()).isEqualTo(200);

        assertThat(outbox())
                .containsExactly(
                        row("sync_team_created", teamId, null),
                        row("sync_team_member_added", teamId, membershipId),
                        row("sync_team_member_updated", teamId, membershipId),
                        row("sync_team_settings_updated", teamId, null),
                        row("sync_team_member_removed", teamId, membershipId));
    }

    @Test
    void refusedWritesRecordNothing() {
        String slug = teams.createTeam(token, "Alpha", 1);
        int before = outbox().size();

        teams.create(token, "{\"name\":\"Beta\",\"game_id\":1}");
        teams.addMember(token, slug, "{\"user_lookup\":\"nobody\",\"role\":\"PLAYER\"}");
        teams.settings(token, slug, "{\"region\":\"Mars\"}");
        teams.remove(token, slug, 424242);

        assertThat(outbox()).hasSize(before);
    }

    @Test
    void withDualWriteOffNothingIsRecorded() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "false", FlagSource.RUNTIME, "test", "");

        teams.addMember(token, teams.createTeam(token, "Alpha", 1), "testmember", "PLAYER");

        assertThat(outbox()).isEmpty();
    }

    @Test
    void aFailedStrictShadowWriteIs500DualWriteFailedAndRollsEverythingBack() {
        doThrow(new DualWriteFailedException("shadow insert failed: secret detail", new IllegalStateException("boom")))
                .when(spied())
                .record(any());

        Reply reply = teams.create(token, "{\"name\":\"Alpha\",\"game_id\":1}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("DUAL_WRITE_FAILED");
        assertThat(reply.json().get("safe_message").asString())
                .isEqualTo("The change could not be saved. Please try again.");
        assertThat(reply.body()).doesNotContain("secret detail", "boom");
        assertThat(count("organizations_team")).isZero();
        assertThat(count("organizations_membership")).isZero();
    }

    @Test
    void aFailedStrictShadowWriteRollsBackARosterChangeToo() {
        String slug = teams.createTeam(token, "Alpha", 1);
        doThrow(new DualWriteFailedException("shadow failed", null))
                .when(spied())
                .record(any());

        Reply reply = teams.addMember(token, slug, "{\"user_lookup\":\"testmember\",\"role\":\"PLAYER\"}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("DUAL_WRITE_FAILED");
        assertThat(count("organizations_membership")).isEqualTo(1);
    }

    @Test
    void aLegacyWriteInTheRequestTransactionIsRefusedByTheDatabaseAndRollsBack() {
        String slug = teams.createTeam(token, "Alpha", 1);
        // A write to a legacy table inside the request transaction, as a broken shadow writer would do
        // it. The runtime role holds no write privilege on teams_* (only the shadow writer role does,
        // docs/adr/0020-database-roles-and-write-guard.md), so the database refuses it before the
        // guard's trigger runs: a server bug, answered 500 without the SQL, and nothing is saved.
        doAnswer(invocation -> jdbc.update("INSERT INTO teams_team (name) VALUES ('forbidden')"))
                .when(spied())
                .record(any());

        Reply reply = teams.settings(token, slug, "{\"region\":\"EU\", \"description\":\"changed\"}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).doesNotContain("INSERT", "teams_team", "permission");
        assertThat(jdbc.queryForMap("SELECT region, description FROM organizations_team WHERE slug = ?", slug))
                .containsEntry("region", "NA")
                .containsEntry("description", "");
    }

    /** DualWrite is transactional: stub the spy behind Spring's proxy, not the proxy. */
    private DualWrite spied() {
        return AopTestUtils.getUltimateTargetObject(dualWrite);
    }

    private List<Map<String, Object>> outbox() {
        return jdbc.queryForList("""
                SELECT operation, vnext_team_id, vnext_membership_id, actor_user_id
                  FROM organizations_dualwrite_outbox ORDER BY id""");
    }

    private Map<String, Object> row(String operation, long teamId, Long membershipId) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("operation", operation);
        row.put("vnext_team_id", teamId);
        row.put("vnext_membership_id", membershipId);
        row.put("actor_user_id", owner.id());
        return row;
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
