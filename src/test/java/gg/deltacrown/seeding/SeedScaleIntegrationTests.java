package gg.deltacrown.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.LegacyModelRules;
import gg.deltacrown.validation.DriftKind;
import gg.deltacrown.validation.DriftSink;
import gg.deltacrown.validation.FullVerifications;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code seed_scale} adds what it says, and the report finds exactly the drift it planted. */
@IntegrationTest
class SeedScaleIntegrationTests {

    static final SeedPlan PLAN = new SeedPlan(40, 4, 6, 3, 2, 3, 4, 5, 1, 2, 2, 52, 7);

    @Autowired
    ScaleSeeder seeder;

    @Autowired
    ValidationReports reports;

    @Autowired
    Flags flags;

    @Autowired
    FullVerifications full;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void addsTheRowsItPrints() {
        List<Long> progress = new ArrayList<>();
        SeedResult result = seeder.seed(PLAN, new SeedProgress() {
            @Override
            public void started(long totalTeams) {
                progress.add(-totalTeams);
            }

            @Override
            public void advanced(long teams) {
                progress.add(teams);
            }
        });

        Map<String, Long> added = result.added();
        assertThat(added)
                .containsEntry("legacy_teams", 46L)
                .containsEntry("vnext_teams", 43L)
                .containsEntry("map_rows", 42L)
                .containsEntry("vnext_memberships", 172L)
                .containsEntry("legacy_memberships", 180L);
        assertThat(count("teams_team")).isEqualTo(added.get("legacy_teams"));
        assertThat(count("organizations_team")).isEqualTo(added.get("vnext_teams"));
        assertThat(count("organizations_migration_map")).isEqualTo(added.get("map_rows"));
        assertThat(count("organizations_membership")).isEqualTo(added.get("vnext_memberships"));
        assertThat(count("teams_teammembership")).isEqualTo(added.get("legacy_memberships"));
        assertThat(count("organizations_ranking")).isEqualTo(added.get("vnext_rankings"));
        assertThat(PLAN.requiredUsers()).as("13 teams per game, 4 members each").isEqualTo(52);
        assertThat(count("accounts_user")).isEqualTo(52);
        assertThat(count("user_profile_userprofile")).isEqualTo(52);
        assertThat(LegacyModelRules.violations(jdbc))
                .as("the legacy rows seed_scale writes are ones the legacy app accepts")
                .isEmpty();
        assertThat(progress).first().isEqualTo(-49L);
        assertThat(progress.stream().skip(1).mapToLong(Long::longValue).sum()).isEqualTo(49);
        assertThat(progress)
                .hasSizeGreaterThan(5)
                .as("one step per batch of at most 7 teams")
                .allMatch(step -> step <= 7);
    }

    @Test
    void plantsTheDriftTheReportThenFinds() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "seed check");
        SeedResult result = seeder.seed(PLAN, SeedProgress.NONE);

        ValidationReport report = reports.generate(ReportRequest.unfiltered(1000));
        JsonNode json = ReportJson.toTree(report);

        result.expectedReport().forEach((key, expected) -> {
            JsonNode node = json;
            for (String part : key.split(" ")[0].split("\\.")) {
                node = node.get(part);
            }
            assertThat(node.asLong()).as(key).isEqualTo(((Number) expected).longValue());
        });
        // The seeding tool writes as the shadow writer: nothing to audit, nothing to report.
        assertThat(report.shadowHealth().legacyWritesWhileBlocked().count()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_legacy_write_audit", Long.class))
                .isZero();
    }

    @Test
    void plantsTheDriftTheFullVerificationThenFinds() {
        java.util.Map<DriftKind, Integer> more = new java.util.EnumMap<>(DriftKind.class);
        SeedPlan.SEEDABLE.forEach(kind -> more.put(kind, 2));
        SeedResult result =
                seeder.seed(new SeedPlan(80, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 66, 16, more), SeedProgress.NONE);

        ValidationReport.FullVerification found = full.run(0, DriftSink.NONE);

        java.util.Map<String, Long> expected = new java.util.LinkedHashMap<>();
        for (DriftKind kind : DriftKind.values()) {
            expected.put(kind.id(), result.expectedDrift().getOrDefault(kind.id(), 0L));
        }
        assertThat(found.driftPairs()).containsExactlyEntriesOf(expected);
        assertThat(found.driftedPairs())
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(found.comparedPairs()).isEqualTo(80);
        ValidationReport report = reports.generate(ReportRequest.unfiltered(1000));
        JsonNode json = ReportJson.toTree(report);
        result.expectedReport().forEach((key, value) -> {
            if (!key.startsWith("dual_write_health")) {
                JsonNode node = json;
                for (String part : key.split(" ")[0].split("\\.")) {
                    node = node.get(part);
                }
                assertThat(node.asLong()).as(key).isEqualTo(((Number) value).longValue());
            }
        });
    }

    @Test
    void writesEveryLegacyMembershipAsTheShadowWriterWould() {
        seeder.seed(new SeedPlan(12, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 27, 5), SeedProgress.NONE);

        assertThat(jdbc.queryForList("SELECT DISTINCT role FROM organizations_membership ORDER BY 1", String.class))
                .containsExactly("ANALYST", "COACH", "MANAGER", "OWNER", "PLAYER", "SCOUT", "SUBSTITUTE");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM teams_teammembership ORDER BY 1", String.class))
                .containsExactly("ACTIVE", "PENDING");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM teams_teammembership
                 WHERE role = 'OWNER' AND can_manage_finances AND can_register_tournaments
                """, Long.class)).isEqualTo(12);
        ValidationReport report = reports.generate(ReportRequest.unfiltered(100));
        assertThat(report.shadowHealth().memberships().checkedMemberships()).isEqualTo(12 * 9);
        assertThat(report.shadowHealth().memberships().missingCount()).isZero();
        assertThat(report.shadowHealth().memberships().differingCount()).isZero();
        assertThat(report.consistency().membershipCountMismatchCount()).isZero();
        assertThat(LegacyModelRules.violations(jdbc)).isEmpty();
    }

    @Test
    void refusesAPlanWhoseDriftsDoNotFitItsTeams() {
        SeedPlan plan = new SeedPlan(3, 1, -1, 0, 2, 2, 1, 0, 0, 0, 0, 0, 0);

        assertThat(plan.problems())
                .containsExactly(
                        "--legacy-only-teams must not be negative",
                        "--users must be at least 1: the members of one game's teams are all different users (the"
                                + " legacy app allows one active team per game)",
                        "--batch-size must be at least 1",
                        "the drifts (5 teams in all) need at least as many --teams; each drift uses teams of its own",
                        "--membership-drift and --role-drift change member 1: --members-per-team must be at least 2");
        assertThatThrownBy(() -> seeder.seed(plan, SeedProgress.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(count("teams_team")).isZero();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
