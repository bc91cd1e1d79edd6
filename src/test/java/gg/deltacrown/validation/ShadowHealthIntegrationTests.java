package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.TestDatabase;
import gg.deltacrown.validation.MigrationFixture.Pair;
import gg.deltacrown.validation.ValidationReport.MembershipShadow;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The {@code shadow_health} section: what the original report could not see. */
@IntegrationTest
class ShadowHealthIntegrationTests {

    @Autowired
    ValidationReports reports;

    @Autowired
    DataSource dataSource;

    @Autowired
    Flags flags;

    @Autowired
    Environment environment;

    MigrationFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new MigrationFixture(dataSource);
    }

    ValidationReport report() {
        return reports.generate(ReportRequest.unfiltered(50));
    }

    @Test
    void countsPendingAndBlockedOutboxEntriesAndTheAgeOfTheOldestPendingOne() {
        long team = fixture.vnextTeam("Crimson Wolves").create();
        fixture.outbox(team, "PENDING", OffsetDateTime.now().minusMinutes(10), null);
        fixture.outbox(team, "PENDING", OffsetDateTime.now().minusMinutes(1), null);
        long blocked = fixture.outbox(team, "BLOCKED", OffsetDateTime.now().minusHours(2), "user_profile_not_found");
        fixture.outbox(team, "DONE", OffsetDateTime.now().minusDays(2), null);

        ValidationReport report = report();
        var outbox = report.shadowHealth().outbox();

        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(outbox.blockedCount()).isEqualTo(1);
        assertThat(outbox.oldestPendingAgeSeconds()).isBetween(600L, 660L);
        assertThat(outbox.blockedSamples())
                .containsExactly(new ValidationReport.BlockedEntry(
                        blocked,
                        "sync_team_created",
                        team,
                        null,
                        8,
                        "user_profile_not_found",
                        "failed: user_profile_not_found"));
        assertThat(report.recommendations())
                .contains(
                        "🔴 CRITICAL: 1 dual-write outbox entries are BLOCKED. Their legacy shadows stay stale until an"
                                + " operator retries or unblocks them.",
                        "⚠️ WARNING: 2 dual-write outbox entries pending, the oldest for "
                                + outbox.oldestPendingAgeSeconds()
                                + "s. Check that the dual-write dispatcher is running.");
        assertThat(report.hasErrors()).as("a blocked entry is CRITICAL").isTrue();
    }

    @Test
    void hasNoAgeAndNoWarningForAFreshOrEmptyOutbox() {
        long team = fixture.vnextTeam("Crimson Wolves").create();
        assertThat(report().shadowHealth().outbox().oldestPendingAgeSeconds()).isNull();

        fixture.outbox(team, "PENDING", OffsetDateTime.now().minusSeconds(30), null);
        ValidationReport report = report();

        assertThat(report.shadowHealth().outbox().oldestPendingAgeSeconds()).isLessThan(300);
        assertThat(report.recommendations()).noneMatch(line -> line.contains("outbox"));
    }

    @ParameterizedTest(name = "vNext {0}/{1} expects legacy {2}/{3}")
    @CsvSource({
        "OWNER, ACTIVE, OWNER, ACTIVE",
        "MANAGER, ACTIVE, MANAGER, ACTIVE",
        "COACH, ACTIVE, HEAD_COACH, ACTIVE",
        "PLAYER, INVITED, PLAYER, PENDING",
        "SUBSTITUTE, INACTIVE, SUBSTITUTE, REMOVED",
        "ANALYST, SUSPENDED, ANALYST, REMOVED",
        "SCOUT, ACTIVE, ANALYST, ACTIVE",
    })
    void acceptsTheShadowTheMappingExpectsAndFlagsAnyOther(
            String role, String status, String legacyRole, String legacyStatus) {
        Pair right = fixture.pair("Right");
        long rightUser = fixture.user("right");
        fixture.vnextMember(right.vnextTeamId(), rightUser, role, status);
        fixture.legacyMember(right.legacyTeamId(), rightUser, legacyRole, legacyStatus);
        Pair wrong = fixture.pair("Wrong");
        long wrongUser = fixture.user("wrong");
        long wrongMembership = fixture.vnextMember(wrong.vnextTeamId(), wrongUser, role, status);
        fixture.legacyMember(wrong.legacyTeamId(), wrongUser, "CONTENT_CREATOR", legacyStatus);

        var memberships = report().shadowHealth().memberships();

        assertThat(memberships.missingCount()).isZero();
        assertThat(memberships.differingCount()).isEqualTo(1);
        MembershipShadow differing = memberships.samples().differing().get(0);
        assertThat(differing.vnextMembershipId()).isEqualTo(wrongMembership);
        assertThat(differing.expectedLegacyRole()).isEqualTo(legacyRole);
        assertThat(differing.expectedLegacyStatus()).isEqualTo(legacyStatus);
        assertThat(differing.legacyRole()).isEqualTo("CONTENT_CREATOR");
        assertThat(LegacyExpectations.legacyRole(role)).isEqualTo(legacyRole);
        assertThat(LegacyExpectations.legacyStatus(status)).isEqualTo(legacyStatus);
    }

    @Test
    void findsMembersWithoutAShadowAndShadowsWithAnotherStatus() {
        Pair pair = fixture.pair("Crimson Wolves");
        long alice = fixture.user("alice");
        long bob = fixture.user("bob");
        long carol = fixture.userWithoutProfile("carol");
        fixture.member(pair, alice, "OWNER", "ACTIVE");
        long bobMembership = fixture.vnextMember(pair.vnextTeamId(), bob, "PLAYER", "INACTIVE");
        fixture.legacyMember(pair.legacyTeamId(), bob, "PLAYER", "ACTIVE"); // removal not mirrored
        long carolMembership = fixture.vnextMember(pair.vnextTeamId(), carol, "PLAYER", "ACTIVE");
        long unmappedTeam = fixture.vnextTeam("Not Mapped").create();
        fixture.vnextMember(unmappedTeam, fixture.user("dave"), "OWNER", "ACTIVE"); // no shadow expected

        ValidationReport report = report();
        var memberships = report.shadowHealth().memberships();

        assertThat(memberships.missingCount()).isEqualTo(1);
        assertThat(memberships.samples().missing())
                .containsExactly(new MembershipShadow(
                        carolMembership,
                        pair.vnextTeamId(),
                        pair.legacyTeamId(),
                        carol,
                        "PLAYER",
                        "ACTIVE",
                        "PLAYER",
                        "ACTIVE",
                        null,
                        null,
                        null));
        assertThat(memberships.differingCount()).isEqualTo(1);
        assertThat(memberships.samples().differing())
                .extracting(
                        MembershipShadow::vnextMembershipId,
                        MembershipShadow::legacyStatus,
                        MembershipShadow::expectedLegacyStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bobMembership, "ACTIVE", "REMOVED"));
        assertThat(report.recommendations())
                .contains(
                        "⚠️ WARNING: 1 vNext memberships have no legacy shadow row. Check dual-write sync and re-run the"
                                + " membership sync.",
                        "⚠️ WARNING: 1 legacy membership shadows differ from vNext (role or status). Re-run the membership sync.");
    }

    @Test
    void comparesOnlyTheCurrentVnextRowOfAMemberWhoLeftAndCameBack() {
        Pair pair = fixture.pair("Crimson Wolves");
        long alice = fixture.user("alice");
        fixture.vnextMember(pair.vnextTeamId(), alice, "PLAYER", "INACTIVE"); // left
        fixture.member(pair, alice, "SUBSTITUTE", "ACTIVE"); // came back; legacy shows this
        long bob = fixture.user("bob");
        fixture.vnextMember(pair.vnextTeamId(), bob, "PLAYER", "INVITED"); // invited, then
        fixture.member(pair, bob, "PLAYER", "INACTIVE"); // removed later: the latest row

        var memberships = report().shadowHealth().memberships();

        assertThat(memberships.missingCount()).isZero();
        assertThat(memberships.differingCount()).isZero();
    }

    @Test
    void checksTheSampledTeamsAndTheTeamsTheDualWriteWorkedOnInTheLastDay() {
        Pair synced = fixture.pair("Synced Today");
        fixture.vnextMember(synced.vnextTeamId(), fixture.user("alice"), "OWNER", "ACTIVE");
        long done = fixture.outbox(
                synced.vnextTeamId(), "DONE", OffsetDateTime.now().minusHours(2), null);
        fixture.execute(
                "UPDATE organizations_dualwrite_outbox SET completed_at = now() - interval '1 hour' WHERE id = ?",
                done);
        Pair old = fixture.pair("Synced Last Week");
        fixture.vnextMember(old.vnextTeamId(), fixture.user("bob"), "OWNER", "ACTIVE");
        long stale =
                fixture.outbox(old.vnextTeamId(), "DONE", OffsetDateTime.now().minusDays(7), null);
        fixture.execute(
                "UPDATE organizations_dualwrite_outbox SET completed_at = now() - interval '7 days' WHERE id = ?",
                stale);
        Pair pending = fixture.pair("Waiting");
        fixture.vnextMember(pending.vnextTeamId(), fixture.user("carol"), "OWNER", "ACTIVE");
        fixture.outbox(pending.vnextTeamId(), "PENDING", OffsetDateTime.now().minusDays(3), null);

        var unsampled =
                reports.generate(ReportRequest.unfiltered(0)).shadowHealth().memberships();
        var sampled =
                reports.generate(ReportRequest.unfiltered(50)).shadowHealth().memberships();

        assertThat(unsampled.checkedTeams()).isEqualTo(2);
        assertThat(unsampled.checkedMemberships()).isEqualTo(2);
        assertThat(unsampled.missingCount()).isEqualTo(2);
        assertThat(unsampled.samples().missing())
                .extracting(MembershipShadow::vnextTeamId)
                .containsExactlyInAnyOrder(synced.vnextTeamId(), pending.vnextTeamId());
        assertThat(sampled.checkedTeams()).isEqualTo(3);
        assertThat(sampled.missingCount()).isEqualTo(3);
    }

    @Test
    void followsTheFilters() {
        Pair valorant = fixture.pair("Valorant");
        fixture.vnextMember(valorant.vnextTeamId(), fixture.user("alice"), "OWNER", "ACTIVE");
        long dota = fixture.vnextTeam("Dota").game(3).create();
        fixture.map(fixture.legacyTeam("Dota").game("dota2").create(), dota, true);
        fixture.vnextMember(dota, fixture.user("bob"), "OWNER", "ACTIVE");
        fixture.outbox(dota, "BLOCKED", OffsetDateTime.now(), "user_profile_not_found");

        ValidationReport dotaOnly = reports.generate(new ReportRequest(50, 3, null));
        ValidationReport valorantOnly = reports.generate(new ReportRequest(50, 1, null));

        assertThat(dotaOnly.shadowHealth().memberships().missingCount()).isEqualTo(1);
        assertThat(dotaOnly.shadowHealth().outbox().blockedCount()).isEqualTo(1);
        assertThat(valorantOnly.shadowHealth().memberships().missingCount()).isEqualTo(1);
        assertThat(valorantOnly.shadowHealth().outbox().blockedCount()).isZero();
    }

    @Test
    void countsEveryAuditedLegacyWriteWhateverItsBypassReason() {
        long legacy = fixture.legacyTeam("Crimson Wolves").create();
        fixture.shadowWrite("UPDATE teams_team SET tagline = 'mirrored' WHERE id = ?", legacy);
        flags.change(Flag.LEGACY_WRITE_BYPASS_ENABLED, "true", FlagSource.RUNTIME, "oncall", "incident");
        MigrationFixture django = new MigrationFixture(TestDatabase.djangoDataSource(environment, dataSource));
        django.legacyWriteWithBypass("manual_fix", legacy);
        django.legacyWriteWithBypass("dual_write_sync_team_settings", legacy);

        ValidationReport report = report();
        var writes = report.shadowHealth().legacyWritesWhileBlocked();

        assertThat(writes.count()).isEqualTo(2);
        assertThat(writes.samples()).hasSize(2).allSatisfy(write -> {
            assertThat(write.tableName()).isEqualTo("teams_team");
            assertThat(write.operation()).isEqualTo("UPDATE");
            assertThat(write.allowedBy()).isEqualTo("bypass_enabled");
        });
        assertThat(writes.samples())
                .extracting(ValidationReport.LegacyWrite::bypassReason)
                .containsExactly("dual_write_sync_team_settings", "manual_fix");
        assertThat(report.recommendations())
                .contains("⚠️ WARNING: 2 legacy writes got through while legacy write"
                        + " blocking was on. Review organizations_legacy_write_audit.");
    }
}
