package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import gg.deltacrown.teams.CreatedTeam;
import gg.deltacrown.teams.Memberships;
import gg.deltacrown.teams.NewMember;
import gg.deltacrown.teams.NewOrganization;
import gg.deltacrown.teams.NewTeam;
import gg.deltacrown.teams.OrganizationBranding;
import gg.deltacrown.teams.Organizations;
import gg.deltacrown.teams.Teams;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

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
    Organizations organizations;

    @Autowired
    Teams teams;

    @Autowired
    Memberships memberships;

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
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "promotion");
        long organizationId = organizations
                .create(ceo.id(), new NewOrganization("Crown Org", "crown-org", OrganizationBranding.NONE))
                .id();
        CreatedTeam team = teams.create(ceo.id(), new NewTeam("Crown Academy", 1L, organizationId, "EU", null));
        memberships.add(team.slug(), ceo.id(), new NewMember(manager.username(), "MANAGER", null, true));
        memberships.add(team.slug(), ceo.id(), new NewMember(player.username(), "PLAYER", null, true));
        long teamId = team.id();
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
