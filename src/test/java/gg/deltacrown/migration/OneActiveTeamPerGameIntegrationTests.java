package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.LegacyModelRules;
import gg.deltacrown.support.VnextWrites;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReport.MembershipShadows;
import gg.deltacrown.validation.ValidationReports;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * vNext lets a player be ACTIVE in two teams of one game; the legacy model does not ("You already
 * have an active team for 'valorant'"). The second shadow is kept PENDING, reported as held back,
 * and becomes ACTIVE once the first team lets the player go (docs/adr/0023).
 */
@IntegrationTest
class OneActiveTeamPerGameIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    @Autowired
    ValidationReports reports;

    @BeforeEach
    void dualWriteOn() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "one active team per game");
    }

    @Test
    void keepsTheSecondActiveTeamOfAGamePendingUntilTheFirstLetsGo() {
        Account alpha = vnext.user("alpha_owner");
        Account beta = vnext.user("beta_owner");
        Account player = vnext.user("player");
        VnextWrites.Team first = vnext.createTeam(alpha, "Alpha Squad", 1, "NA");
        VnextWrites.Team second = vnext.createTeam(beta, "Beta Squad", 1, "EU");
        VnextWrites.Team otherGame = vnext.createTeam(beta, "Beta Dota", 3, "EU");
        long inFirst = vnext.addMember(first, alpha, player, "PLAYER", true);
        awaitDrained();
        vnext.addMember(second, beta, player, "PLAYER", true);
        vnext.addMember(otherGame, beta, player, "PLAYER", true);
        awaitDrained();

        assertThat(shadowOf(second, player)).isEqualTo("PLAYER PENDING true");
        assertThat(shadowOf(first, player)).isEqualTo("PLAYER ACTIVE false");
        assertThat(shadowOf(otherGame, player)).as("another game: no conflict").isEqualTo("PLAYER ACTIVE false");
        assertThat(notesOf(second)).contains("membership kept PENDING (one active team per game)");
        MembershipShadows shadows =
                reports.generate(ReportRequest.unfiltered(50)).shadowHealth().memberships();
        assertThat(shadows.heldBackCount()).isEqualTo(1);
        assertThat(shadows.differingCount()).isZero();
        assertThat(shadows.samples().heldBack())
                .singleElement()
                .satisfies(sample -> assertThat(sample.userId()).isEqualTo(player.id()));
        assertThat(reports.generate(ReportRequest.unfiltered(50)).consistency().membershipCountMismatchCount())
                .as("a held-back row counts as the ACTIVE member it stands for")
                .isZero();

        vnext.removeMember(first, alpha, inFirst);
        awaitDrained();
        assertThat(shadowOf(first, player)).isEqualTo("PLAYER REMOVED false");
        assertThat(shadowOf(second, player))
                .as("released at the second team's next sync")
                .isEqualTo("PLAYER PENDING true");
        MembershipShadows stale =
                reports.generate(ReportRequest.unfiltered(50)).shadowHealth().memberships();
        assertThat(stale.heldBackCount()).isZero();
        assertThat(stale.differingCount())
                .as("held back for a conflict that is gone: stale, so reported as differing")
                .isOne();

        vnext.updateSettings(second, beta, "EU", "next sync of the second team", null);
        awaitDrained();

        assertThat(shadowOf(second, player)).isEqualTo("PLAYER ACTIVE false");
        MembershipShadows released =
                reports.generate(ReportRequest.unfiltered(50)).shadowHealth().memberships();
        assertThat(released.heldBackCount()).isZero();
        assertThat(released.differingCount()).isZero();
    }

    @Test
    void anOwnerAlreadyActiveInATeamOfTheGameIsNotTheLegacyOwnerOfTheNewOne() {
        Account owner = vnext.user("owner");
        Account captain = vnext.user("captain");
        VnextWrites.Team theirs = vnext.createTeam(owner, "Old Crew", 2, "NA");
        vnext.addMember(theirs, owner, captain, "PLAYER", true);
        awaitDrained();

        VnextWrites.Team own = vnext.createTeam(captain, "New Crew", 2, "NA");
        awaitDrained();

        assertThat(shadowOf(own, captain))
                .as("OWNER only on an ACTIVE legacy membership")
                .isEqualTo("PLAYER PENDING true");
    }

    private String shadowOf(VnextWrites.Team team, Account user) {
        return jdbc.queryForObject("""
                SELECT l.role || ' ' || l.status || ' ' || coalesce(l.role_metadata ->> 'held_back', 'false')
                  FROM organizations_migration_map m
                  JOIN teams_teammembership l ON l.team_id = m.legacy_team_id
                 WHERE m.vnext_team_id = ? AND l.user_id = ?""", String.class, team.id(), user.id());
    }

    private String notesOf(VnextWrites.Team team) {
        return jdbc.queryForObject(
                "SELECT verification_notes FROM organizations_migration_map WHERE vnext_team_id = ?",
                String.class,
                team.id());
    }

    private void awaitDrained() {
        Awaitility.await("outbox drained")
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'",
                                Integer.class)
                        == 0);
        assertThat(LegacyModelRules.violations(jdbc)).isEmpty();
    }
}
