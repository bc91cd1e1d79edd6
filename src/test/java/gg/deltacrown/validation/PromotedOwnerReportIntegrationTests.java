package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.DualWrite;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.ShadowChange;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An organisation team has no OWNER in vNext; its legacy shadow gets one promoted, as Django's save
 * would (docs/adr/0015). The report must not call that drift.
 */
@IntegrationTest
class PromotedOwnerReportIntegrationTests {

    @Autowired
    VnextWrites vnext;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DualWrite dualWrite;

    @Autowired
    Flags flags;

    @Autowired
    OutboxAdmin outbox;

    @Autowired
    ValidationReports reports;

    @Test
    void aPromotedLegacyOwnerIsNotAMembershipDifference() {
        Account ceo = vnext.user("ceo");
        Account manager = vnext.user("manager");
        Account player = vnext.user("player");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", "runtime", "test", "promotion");
        long teamId = transactions.execute(status -> {
            long org = jdbc.queryForObject("""
                    INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, description, website,
                        twitter, revenue_split_config, enforce_brand, created_at, updated_at)
                    VALUES ('Crown Org', 'crown-org', ?, false, '', '', '', '{}', false, now(), now()) RETURNING id""", Long.class, ceo.id());
            long team = jdbc.queryForObject("""
                    INSERT INTO organizations_team (name, slug, organization_id, owner_id, game_id, region, status,
                        description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                        is_temporary, created_at, updated_at)
                    VALUES ('Crown Academy', 'crown-academy', ?, NULL, 1, 'EU', 'ACTIVE', '', '', '', '', false,
                            now(), now()) RETURNING id""", Long.class, org);
            for (Account member : new Account[] {manager, player}) {
                jdbc.update("""
                        INSERT INTO organizations_membership (team_id, user_id, status, role, player_role,
                            is_tournament_captain, joined_at, left_reason)
                        VALUES (?, ?, 'ACTIVE', ?, '', false, now(), '')""", team, member.id(), member == manager ? "MANAGER" : "PLAYER");
            }
            dualWrite.record(ShadowChange.teamCreated(team, ceo.id(), "crown-academy"));
            return team;
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> outbox.status().pendingCount() == 0);

        assertThat(jdbc.queryForMap("""
                SELECT role, (role_metadata->>'promoted_to_owner')::boolean AS promoted
                  FROM teams_teammembership WHERE user_id = ?""", manager.id()))
                .containsEntry("role", "OWNER")
                .containsEntry("promoted", true);
        assertThat(jdbc.queryForObject(
                        "SELECT verified FROM organizations_migration_map WHERE vnext_team_id = ?",
                        Boolean.class,
                        teamId))
                .isTrue();

        ValidationReport report = reports.generate(ReportRequest.unfiltered(50));
        assertThat(report.shadowHealth().memberships().checkedMemberships()).isEqualTo(2);
        assertThat(report.shadowHealth().memberships().differingCount()).isZero();
        assertThat(report.shadowHealth().memberships().missingCount()).isZero();
    }
}
