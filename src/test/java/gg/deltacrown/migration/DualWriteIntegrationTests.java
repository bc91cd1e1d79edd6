package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.database.RunbookSql;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The runbook's five flows with dual-write on: legacy shadows and verified map rows follow. */
@IntegrationTest
class DualWriteIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    Account owner;

    @BeforeEach
    void setUp() {
        owner = vnext.user("testuser");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "dual-write tests");
    }

    @Test
    void mirrorsANewTeamWithItsOwnerAndAVerifiedMapRow() {
        VnextWrites.Team team = vnext.createTeam(owner, "Staging Test Team Alpha", 1, "NA");

        awaitOutboxDrained();
        Map<String, Object> row = jdbc.queryForMap(RunbookSql.STEP_4_JOIN.replace("123", Long.toString(team.id())));
        assertThat(row)
                .containsEntry("vnext_name", "Staging Test Team Alpha")
                .containsEntry("legacy_name", "Staging Test Team Alpha")
                .containsEntry("legacy_slug", "staging-test-team-alpha")
                .containsEntry("legacy_game", "valorant")
                .containsEntry("legacy_region", "NA")
                .containsEntry("mapping_verified", true);
        long legacyId = ((Number) row.get("legacy_id")).longValue();
        assertThat(jdbc.queryForMap(
                        "SELECT tag, logo_url, is_active, is_public FROM teams_team WHERE id = ?", legacyId))
                .containsEntry("tag", "STAGINGTES")
                .containsEntry("logo_url", "https://cdn.example.com/test.png")
                .containsEntry("is_active", true);
        assertThat(jdbc.queryForMap("""
                SELECT role, status, user_id, can_manage_finances, can_register_tournaments
                  FROM teams_teammembership WHERE team_id = ?""", legacyId))
                .containsEntry("role", "OWNER")
                .containsEntry("status", "ACTIVE")
                .containsEntry("user_id", owner.id())
                .containsEntry("can_manage_finances", true)
                .containsEntry("can_register_tournaments", true);
        assertThat(jdbc.queryForObject("SELECT migrated_by_id FROM organizations_migration_map", Long.class))
                .isEqualTo(owner.id());
        assertThat(jdbc.queryForList("SELECT status FROM organizations_dualwrite_outbox", String.class))
                .containsExactly("DONE");
    }

    @Test
    void followsMemberAddRoleChangeSettingsAndRemoval() {
        Account member = vnext.user("testmember");
        VnextWrites.Team team = vnext.createTeam(owner, "Staging Test Team Alpha", 1, "NA");
        long membership = vnext.addMember(team, owner, member, "PLAYER", true);
        awaitOutboxDrained();
        assertThat(jdbc.queryForMap(RunbookSql.FLOW_2_LEGACY_MEMBERSHIP.replace("789", Long.toString(membership))))
                .containsEntry("role", "PLAYER")
                .containsEntry("status", "ACTIVE")
                .containsEntry("vnext_role", "PLAYER")
                .containsEntry("user_id", member.id());

        vnext.changeRole(team, owner, membership, "SUBSTITUTE");
        vnext.updateSettings(team, owner, "EU", "Updated via dual-write test", "https://cdn.example.com/updated.png");
        awaitOutboxDrained();
        assertThat(legacyMembership(member)).containsEntry("role", "SUBSTITUTE").containsEntry("status", "ACTIVE");
        assertThat(jdbc.queryForMap("""
                SELECT region, description, logo_url FROM teams_team
                 WHERE id = (SELECT legacy_team_id FROM organizations_teammigrationmap WHERE vnext_team_id = ?)""", team.id()))
                .containsEntry("region", "EU")
                .containsEntry("description", "Updated via dual-write test")
                .containsEntry("logo_url", "https://cdn.example.com/updated.png");

        vnext.removeMember(team, owner, membership);
        awaitOutboxDrained();
        Map<String, Object> removed = legacyMembership(member);
        assertThat(removed).containsEntry("status", "REMOVED");
        assertThat(removed.get("left_at")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT verified FROM organizations_migration_map", Boolean.class))
                .isTrue();
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM organizations_dualwrite_outbox", String.class))
                .containsExactly("DONE");
    }

    @Test
    void writesNothingWhenDualWriteIsOff() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "false", FlagSource.RUNTIME, "test", "off");

        vnext.createTeam(owner, "Quiet Team", 1, "NA");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_dualwrite_outbox", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_migration_map", Integer.class))
                .isZero();
    }

    @Test
    void resolvesLegacyTagAndNameCollisionsDeterministicallyAndReportsThem() {
        Account other = vnext.user("other");
        VnextWrites.Team alpha = vnext.createTeam(owner, "Staging Test Team", 1, "NA");
        VnextWrites.Team beta = vnext.createTeam(other, "Staging Test Team", 1, "NA");
        awaitOutboxDrained();

        List<Map<String, Object>> legacy = jdbc.queryForList("""
                SELECT m.vnext_team_id, t.name, t.tag, m.verified, m.verification_notes
                  FROM organizations_migration_map m JOIN teams_team t ON t.id = m.legacy_team_id
                 ORDER BY t.name""");
        // Whichever shadow is written first keeps the name; the other gets names derived from its own id.
        assertThat(legacy).hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("verified", true));
        assertThat(legacy.get(0)).containsEntry("name", "Staging Test Team").containsEntry("tag", "STAGINGTES");
        long second = ((Number) legacy.get(1).get("vnext_team_id")).longValue();
        assertThat(second).isIn(alpha.id(), beta.id());
        assertThat(legacy.get(1))
                .containsEntry("name", "Staging Test Team #" + second)
                .containsEntry(
                        "tag",
                        "STAGINGTES".substring(0, 10 - Long.toString(second, 36).length())
                                + Long.toString(second, 36).toUpperCase(java.util.Locale.ROOT));
        assertThat((String) legacy.get(1).get("verification_notes"))
                .contains("legacy name 'Staging Test Team' is taken")
                .contains("legacy tag 'STAGINGTES' is taken");
    }

    @Test
    void blocksAMembershipWhoseUserHasNoProfileAtOnce() {
        Account ghost = vnext.userWithoutProfile("ghost");
        VnextWrites.Team team = vnext.createTeam(owner, "Ghost Team", 2, "EU");
        long membership = vnext.addMember(team, owner, ghost, "PLAYER", true);
        awaitOutboxDrained();

        assertThat(jdbc.queryForMap("""
                SELECT status, blocked_reason, attempts FROM organizations_dualwrite_outbox
                 WHERE vnext_membership_id = ?""", membership))
                .containsEntry("status", "BLOCKED")
                .containsEntry("blocked_reason", "user_profile_not_found")
                .containsEntry("attempts", 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT game FROM teams_team", String.class))
                .isEqualTo("cs2");
    }

    @Test
    void strictModeMirrorsInsideTheRequestTransaction() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict");

        VnextWrites.Team team = vnext.createTeam(owner, "Strict Team", 1, "NA");

        // No waiting: the shadow committed with the vNext rows.
        assertThat(jdbc.queryForObject(
                        "SELECT verified FROM organizations_migration_map WHERE vnext_team_id = ?",
                        Boolean.class,
                        team.id()))
                .isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM organizations_dualwrite_outbox", String.class))
                .isEqualTo("DONE");
    }

    @Test
    void strictModeRollsTheWholeWriteBackWhenTheShadowFails() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict");
        Account ghost = vnext.userWithoutProfile("ghost");

        assertThatThrownBy(() -> vnext.createTeam(ghost, "Doomed Team", 1, "NA"))
                .isInstanceOf(DualWriteFailedException.class);

        for (String table : List.of(
                "organizations_team",
                "organizations_membership",
                "organizations_dualwrite_outbox",
                "teams_team",
                "teams_teammembership",
                "organizations_migration_map")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class))
                    .as(table)
                    .isZero();
        }
    }

    private Map<String, Object> legacyMembership(Account member) {
        return jdbc.queryForMap(
                "SELECT role, status, left_at FROM teams_teammembership WHERE user_id = ?", member.id());
    }

    private void awaitOutboxDrained() {
        Awaitility.await("outbox drained")
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'",
                                Integer.class)
                        == 0);
    }
}
