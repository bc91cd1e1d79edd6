package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.validation.MigrationFixture.Pair;
import gg.deltacrown.validation.ValidationReport.MissingShadow;
import gg.deltacrown.validation.ValidationReport.OrphanMapping;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The report's sections on known data (the original's and what this service adds, docs/adr/0010). */
@IntegrationTest
class ValidationReportIntegrationTests {

    @Autowired
    ValidationReports reports;

    @Autowired
    Flags flags;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    /** DDL needs the table owner; the service's role may not alter tables. */
    JdbcTemplate owner() {
        return gg.deltacrown.support.DatabaseOwner.jdbc(environment, dataSource);
    }

    MigrationFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new MigrationFixture(dataSource);
    }

    ValidationReport report() {
        return reports.generate(ReportRequest.unfiltered(50));
    }

    @Nested
    class Coverage {

        @Test
        void countsActiveTeamsOnBothSidesAndTheMappedShare() {
            fixture.pair("Crimson Wolves");
            fixture.pair("Azure Dragons");
            fixture.legacyTeam("Jade Tigers").create();
            fixture.legacyTeam("Retired Legends").inactive().create();
            fixture.vnextTeam("Fresh Start").create();
            fixture.vnextTeam("Disbanded Crew").status("DISBANDED").create();

            var coverage = report().coverage();

            assertThat(coverage.legacyTeamCount()).isEqualTo(3);
            assertThat(coverage.vnextTeamCount()).isEqualTo(3);
            assertThat(coverage.mappedTeamCount()).isEqualTo(2);
            assertThat(coverage.legacyTeamsWithMapping()).isEqualTo(2);
            assertThat(coverage.unmappedLegacyCount()).isEqualTo(1);
            assertThat(coverage.mappingPercentage()).isEqualTo(66.67);
        }

        @Test
        void countsAMapRowWhoseLegacyTeamIsInactiveAsMappedButNotAsCoveringAnActiveTeam() {
            long legacy = fixture.legacyTeam("Retired Legends").inactive().create();
            long vnext = fixture.vnextTeam("Retired Legends").create();
            fixture.map(legacy, vnext, true);
            fixture.legacyTeam("Jade Tigers").create();

            var coverage = report().coverage();

            assertThat(coverage.mappedTeamCount()).isEqualTo(1);
            assertThat(coverage.legacyTeamsWithMapping()).isZero();
            assertThat(coverage.mappingPercentage()).isEqualTo(0.0);
        }

        @Test
        void isFullWhenThereIsNoLegacyTeamToMapAndRaisesNoCritical() {
            fixture.vnextTeam("Fresh Start").create();

            ValidationReport report = report();

            assertThat(report.coverage().legacyTeamCount()).isZero();
            assertThat(report.coverage().mappingPercentage()).isEqualTo(100.0);
            assertThat(report.recommendations())
                    .containsExactly(
                            "✅ Coverage: 100% of legacy teams are mapped to vNext.",
                            "✅ All validation checks passed. Migration data is healthy and ready for Phase 6.");
            assertThat(report.hasErrors()).isFalse();
        }
    }

    @Nested
    class Filters {

        @BeforeEach
        void teams() {
            fixture.pair("Valorant NA"); // game 1 / valorant, NA
            long legacy = fixture.legacyTeam("CS EU").game("cs2").region("EU").create();
            long vnext = fixture.vnextTeam("CS EU").game(2).region("EU").create();
            fixture.map(legacy, vnext, false);
            fixture.legacyTeam("Valorant EU legacy").region("EU").create(); // unmapped
            fixture.vnextTeam("Valorant EU vnext").region("EU").create(); // no shadow
            fixture.legacyTeam("Unknown game legacy").game("").create();
            fixture.vnextTeam("Game zero").game(0).create();
        }

        @Test
        void applyTheGameToEverySection() {
            ValidationReport report = reports.generate(new ReportRequest(50, 2, null));

            assertThat(report.meta().filters()).isEqualTo(new ValidationReport.Filters(2, null));
            assertThat(report.coverage().legacyTeamCount()).isEqualTo(1);
            assertThat(report.coverage().vnextTeamCount()).isEqualTo(1);
            assertThat(report.coverage().mappedTeamCount()).isEqualTo(1);
            assertThat(report.coverage().mappingPercentage()).isEqualTo(100.0);
            assertThat(report.mappingHealth().totalMappings()).isEqualTo(1);
            assertThat(report.mappingHealth().unverifiedMappingCount()).isEqualTo(1);
            assertThat(report.consistency().sampledTeams()).isEqualTo(1);
        }

        @Test
        void applyTheRegionToEverySection() {
            ValidationReport report = reports.generate(new ReportRequest(50, null, "EU"));

            assertThat(report.coverage().legacyTeamCount()).isEqualTo(2);
            assertThat(report.coverage().vnextTeamCount()).isEqualTo(2);
            assertThat(report.coverage().mappedTeamCount()).isEqualTo(1);
            assertThat(report.coverage().legacyTeamsWithMapping()).isEqualTo(1);
            assertThat(report.mappingHealth().totalMappings()).isEqualTo(1);
            assertThat(report.consistency().sampledTeams()).isEqualTo(1);
        }

        @Test
        void combineGameAndRegion() {
            ValidationReport report = reports.generate(new ReportRequest(50, 1, "EU"));

            assertThat(report.coverage().legacyTeamCount()).isEqualTo(1);
            assertThat(report.coverage().vnextTeamCount()).isEqualTo(1);
            assertThat(report.coverage().mappedTeamCount()).isZero();
            assertThat(report.consistency().sampledTeams()).isZero();
        }

        @Test
        void treatGameZeroAsAFilterNotAsNoFilter() {
            ValidationReport report = reports.generate(new ReportRequest(50, 0, null));

            assertThat(report.meta().filters().gameId()).isZero();
            assertThat(report.coverage().vnextTeamCount()).isEqualTo(1);
            assertThat(report.coverage().legacyTeamCount())
                    .as("game 0 has no legacy slug")
                    .isZero();
            assertThat(report.coverage().mappedTeamCount()).isZero();
        }

        @Test
        void filterLegacyToNothingForAGameTheRegistryDoesNotKnow() {
            ValidationReport report = reports.generate(new ReportRequest(50, 42, null));

            assertThat(report.coverage().legacyTeamCount()).isZero();
            assertThat(report.coverage().vnextTeamCount()).isZero();
            assertThat(report.mappingHealth().totalMappings()).isZero();
        }

        @Test
        void useTheOneGameRegistryForTheLegacySlug() {
            assertThat(reports.generate(new ReportRequest(50, 2, null))
                            .coverage()
                            .legacyTeamCount())
                    .as("game 2 is cs2 (the original said csgo)")
                    .isEqualTo(1);
        }
    }

    @Nested
    class MappingHealth {

        @Test
        void listsMapRowsWhoseTeamsAreMissingLegacyFirstThenVnext() {
            Pair ok = fixture.pair("Crimson Wolves");
            long vnextOnly = fixture.vnextTeam("Lost Shadow").create();
            long legacyOnly = fixture.legacyTeam("Lost Twin").create();
            long missingLegacy = fixture.map(999_001, vnextOnly, false);
            long missingVnext = fixture.map(legacyOnly, 888_001, true);
            long missingBoth = fixture.map(999_002, 888_002, true);

            var health = report().mappingHealth();

            assertThat(health.totalMappings()).isEqualTo(4);
            assertThat(health.orphanMappings())
                    .containsExactly(
                            new OrphanMapping(missingLegacy, "missing_legacy_team", 999_001, vnextOnly),
                            new OrphanMapping(missingBoth, "missing_legacy_team", 999_002, 888_002),
                            new OrphanMapping(missingVnext, "missing_vnext_team", legacyOnly, 888_001),
                            new OrphanMapping(missingBoth, "missing_vnext_team", 999_002, 888_002));
            assertThat(health.orphanCount()).isEqualTo(4);
            assertThat(health.unverifiedMappingCount()).isEqualTo(1);
            assertThat(health.duplicateLegacyIds()).isEmpty();
            assertThat(health.duplicateLegacyCount()).isZero();
            assertThat(health.duplicateVnextIds()).isEmpty();
            assertThat(health.duplicateVnextCount()).isZero();
            assertThat(ok.mapId()).isPositive();
        }

        @Test
        void findsDuplicateIdsWhenTheUniqueConstraintsAreGone() {
            // An existing database may lack Django's constraints; the check must still work.
            owner().execute(
                            "ALTER TABLE organizations_migration_map DROP CONSTRAINT organizations_migration_map_legacy_team_id_key");
            owner().execute(
                            "ALTER TABLE organizations_migration_map DROP CONSTRAINT organizations_migration_map_vnext_team_id_key");
            try {
                Pair pair = fixture.pair("Crimson Wolves");
                long other = fixture.vnextTeam("Crimson Copy").create();
                fixture.map(pair.legacyTeamId(), other, true);
                fixture.map(pair.legacyTeamId(), pair.vnextTeamId(), true);

                ValidationReport report = report();

                assertThat(report.mappingHealth().duplicateLegacyIds()).containsExactly(pair.legacyTeamId());
                assertThat(report.mappingHealth().duplicateLegacyCount()).isEqualTo(1);
                assertThat(report.mappingHealth().duplicateVnextIds()).containsExactly(pair.vnextTeamId());
                assertThat(report.mappingHealth().duplicateVnextCount()).isEqualTo(1);
                assertThat(report.recommendations())
                        .contains(
                                "🔴 CRITICAL: 1 duplicate legacy_team_id entries in TeamMigrationMap. Clean up duplicates immediately.",
                                "🔴 CRITICAL: 1 duplicate vnext_team_id entries in TeamMigrationMap. Clean up duplicates immediately.");
                assertThat(report.hasErrors()).isTrue();
            } finally {
                fixture.execute("DELETE FROM organizations_migration_map");
                owner().execute(
                                "ALTER TABLE organizations_migration_map ADD CONSTRAINT organizations_migration_map_legacy_team_id_key UNIQUE (legacy_team_id)");
                owner().execute(
                                "ALTER TABLE organizations_migration_map ADD CONSTRAINT organizations_migration_map_vnext_team_id_key UNIQUE (vnext_team_id)");
            }
        }
    }

    @Nested
    class Consistency {

        @Test
        void comparesNamesSlugsActiveMemberCountsAndRankingPresence() {
            long legacy = fixture.legacyTeam("Crimson Wolves (old)")
                    .slug("crimson-old")
                    .create();
            long vnext =
                    fixture.vnextTeam("Crimson Wolves").slug("crimson-wolves").create();
            long mapId = fixture.map(legacy, vnext, true);
            Pair pair = new Pair(mapId, vnext, legacy);
            fixture.member(pair, fixture.user("alice"), "OWNER", "ACTIVE");
            fixture.vnextMember(vnext, fixture.user("bob"), "PLAYER", "ACTIVE");
            fixture.vnextMember(vnext, fixture.user("carol"), "PLAYER", "INVITED");
            fixture.vnextRanking(vnext);
            Pair healthy = fixture.pair("Azure Dragons");
            fixture.member(healthy, fixture.user("dave"), "OWNER", "ACTIVE");
            fixture.vnextRanking(healthy.vnextTeamId());
            fixture.legacyRanking(healthy.legacyTeamId());

            var consistency = report().consistency();

            assertThat(consistency.sampledTeams()).isEqualTo(2);
            assertThat(consistency.nameMismatchCount()).isEqualTo(1);
            assertThat(consistency.slugMismatchCount()).isEqualTo(1);
            assertThat(consistency.membershipCountMismatchCount()).isEqualTo(1);
            assertThat(consistency.rankingMismatchCount()).isEqualTo(1);
            assertThat(consistency.samples().nameMismatches())
                    .containsExactly(new ValidationReport.NameMismatch(
                            mapId, legacy, vnext, "Crimson Wolves (old)", "Crimson Wolves"));
            assertThat(consistency.samples().slugMismatches())
                    .containsExactly(
                            new ValidationReport.SlugMismatch(mapId, legacy, vnext, "crimson-old", "crimson-wolves"));
            assertThat(consistency.samples().membershipCountMismatches())
                    .containsExactly(new ValidationReport.MembershipCountMismatch(mapId, legacy, vnext, 1, 2, 1));
            assertThat(consistency.samples().rankingMismatches())
                    .containsExactly(new ValidationReport.RankingMismatch(mapId, legacy, vnext, false, true));
        }

        @Test
        void countsOnlyThePairsItComparedAndKeepsFiveSamplesOfEachKind() {
            for (int i = 0; i < 7; i++) {
                long legacy = fixture.legacyTeam("Legacy " + i).create();
                long vnext = fixture.vnextTeam("Vnext " + i).create();
                fixture.map(legacy, vnext, true);
            }
            fixture.map(999_001, fixture.vnextTeam("Orphan").create(), false);

            var consistency = report().consistency();

            assertThat(consistency.sampledTeams())
                    .as("the orphan is not compared")
                    .isEqualTo(7);
            assertThat(consistency.nameMismatchCount()).isEqualTo(7);
            assertThat(consistency.samples().nameMismatches()).hasSize(5);
        }

        @Test
        void samplesADeterministicHashOrderNotTheNewestRows() {
            for (int i = 0; i < 20; i++) {
                fixture.pair("Team " + i);
            }
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            List<Long> hashOrder = jdbc.queryForList(
                    "SELECT id FROM organizations_migration_map ORDER BY hashint8extended(id, 0), id LIMIT 5",
                    Long.class);
            List<Long> newest = jdbc.queryForList(
                    "SELECT id FROM organizations_migration_map ORDER BY id DESC LIMIT 5", Long.class);
            fixture.shadowWrite("UPDATE teams_team SET name = name || ' (legacy)'");

            var first = reports.generate(ReportRequest.unfiltered(5)).consistency();
            var second = reports.generate(ReportRequest.unfiltered(5)).consistency();

            assertThat(first.sampledTeams()).isEqualTo(5);
            List<Long> sampled = first.samples().nameMismatches().stream()
                    .map(ValidationReport.NameMismatch::mappingId)
                    .toList();
            assertThat(sampled).containsExactlyElementsOf(hashOrder);
            assertThat(sampled).isNotEqualTo(newest);
            assertThat(second).isEqualTo(first);
        }

        @Test
        void comparesNothingWithASampleSizeOfZero() {
            fixture.pair("Crimson Wolves");

            assertThat(reports.generate(ReportRequest.unfiltered(0))
                            .consistency()
                            .sampledTeams())
                    .isZero();
        }
    }

    @Nested
    class DualWriteHealth {

        @Test
        void isNullWhileDualWriteIsOff() {
            fixture.vnextTeam("Fresh Start").createdAt(OffsetDateTime.now()).create();

            assertThat(report().dualWriteHealth()).isNull();
        }

        @Test
        void findsRecentTeamsWithoutAMapRowOrWithoutTheLegacyRow() {
            flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "report test");
            OffsetDateTime now = OffsetDateTime.now();
            long synced =
                    fixture.vnextTeam("Synced").createdAt(now.minusHours(3)).create();
            fixture.map(fixture.legacyTeam("Synced").create(), synced, true);
            long unmapped = fixture.vnextTeam("Never Synced")
                    .createdAt(now.minusHours(2))
                    .create();
            long shadowLost = fixture.vnextTeam("Shadow Lost")
                    .createdAt(now.minusHours(1))
                    .create();
            fixture.map(999_001, shadowLost, true);
            fixture.vnextTeam("Old Team").createdAt(now.minusHours(30)).create();

            var health = report().dualWriteHealth();

            assertThat(health.recentVnextTeams()).isEqualTo(3);
            assertThat(health.missingLegacyCount()).isEqualTo(2);
            assertThat(health.missingMappings())
                    .extracting(MissingShadow::vnextTeamId, MissingShadow::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(shadowLost, "missing_legacy_team"),
                            org.assertj.core.groups.Tuple.tuple(unmapped, "missing_mapping"));
            assertThat(health.missingMappings().get(1).vnextTeamName()).isEqualTo("Never Synced");
            assertThat(health.missingMappings().get(1).vnextTeamSlug()).isEqualTo("never-synced");
            assertThat(health.missingMappings().get(1).createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+\\+00:00");
            assertThat(health.severity()).isEqualTo("WARNING");
        }

        @Test
        void keepsTenSamplesButCountsThemAll() {
            flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "report test");
            for (int i = 0; i < 12; i++) {
                fixture.vnextTeam("Unsynced " + i)
                        .createdAt(OffsetDateTime.now().minusMinutes(i))
                        .create();
            }

            var health = report().dualWriteHealth();

            assertThat(health.missingLegacyCount()).isEqualTo(12);
            assertThat(health.missingMappings()).hasSize(10);
            assertThat(health.missingMappings().get(0).vnextTeamName()).isEqualTo("Unsynced 0");
        }

        @Test
        void saysOkWhenNothingIsMissingAndErrorInStrictModeWhenSomethingIs() {
            flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "report test");
            flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "report test");
            assertThat(report().dualWriteHealth().severity()).isEqualTo("OK");

            fixture.vnextTeam("Never Synced").createdAt(OffsetDateTime.now()).create();
            ValidationReport report = report();

            assertThat(report.dualWriteHealth().severity()).isEqualTo("ERROR");
            assertThat(report.recommendations())
                    .contains("🔴 CRITICAL: 1 recent vNext teams missing legacy shadow rows."
                            + " Dual-write sync may be failing. Check logs and re-run sync.");
            assertThat(report.hasErrors()).isTrue();
        }

        @Test
        void followsTheFilters() {
            flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "report test");
            fixture.vnextTeam("Valorant").createdAt(OffsetDateTime.now()).create();
            fixture.vnextTeam("Dota").game(3).createdAt(OffsetDateTime.now()).create();

            var health = reports.generate(new ReportRequest(50, 3, null)).dualWriteHealth();

            assertThat(health.recentVnextTeams()).isEqualTo(1);
            assertThat(health.missingMappings())
                    .extracting(MissingShadow::vnextTeamName)
                    .containsExactly("Dota");
        }
    }

    @Test
    void refusesANegativeSampleSize() {
        assertThatThrownBy(() -> reports.generate(ReportRequest.unfiltered(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--sample-size must be 0 or more (got -1)");
    }
}
