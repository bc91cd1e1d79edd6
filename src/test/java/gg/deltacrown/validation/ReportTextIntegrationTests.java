package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.GuardPosture;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.validation.MigrationFixture.Pair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** The whole text report for a known dataset, line by line (docs/adr/0010). */
@IntegrationTest
class ReportTextIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Flags flags;

    @Autowired
    GuardPosture guard;

    @Test
    void printsEveryLineOfAKnownDataset() {
        MigrationFixture fixture = new MigrationFixture(dataSource);
        Pair wolves = fixture.pair("Crimson Wolves");
        fixture.member(wolves, fixture.user("alice"), "OWNER", "ACTIVE");
        long legacy =
                fixture.legacyTeam("Azure Dragons (old)").slug("azure-old").create();
        long vnext = fixture.vnextTeam("Azure Dragons").create();
        Pair dragons = new Pair(fixture.map(legacy, vnext, false), vnext, legacy);
        fixture.member(dragons, fixture.user("bob"), "OWNER", "ACTIVE");
        long carol = fixture.user("carol");
        long coach = fixture.vnextMember(vnext, carol, "COACH", "ACTIVE");
        fixture.legacyTeam("Jade Tigers").create();
        long orphan = fixture.map(999_001, fixture.vnextTeam("Lost Shadow").create(), true);
        flags.change(Flag.LEGACY_WRITE_BLOCKED, "false", FlagSource.RUNTIME, "test", "text layout");
        Clock clock = Clock.fixed(Instant.parse("2026-01-25T14:06:48.715523Z"), ZoneOffset.UTC);

        ValidationReport report = new ValidationReports(dataSource, transactions, flags, guard, clock)
                .generate(new ReportRequest(10, 1, null));
        List<String> lines = List.of(ReportText.render(report).split("\n", -1));

        assertThat(lines.get(5)).matches("Execution Time: \\d+\\.\\d{1,2}s");
        assertThat(lines).hasSize(83);
        assertThat(lines.subList(0, 5))
                .containsExactly(
                        "=".repeat(80),
                        "MIGRATION VALIDATION REPORT",
                        "=".repeat(80),
                        "",
                        "Generated: 2026-01-25T14:06:48.715523+00:00");
        assertThat(lines.subList(6, 83))
                .containsExactly(
                        "Sample Size: 10",
                        "Query Count: 9",
                        "",
                        "Filters:",
                        "  Game ID: 1",
                        "",
                        "Environment Flags:",
                        "  Dual-Write Enabled: False",
                        "  Dual-Write Strict Mode: False",
                        "  Legacy Write Blocked: False",
                        "",
                        "-".repeat(80),
                        "COVERAGE METRICS",
                        "-".repeat(80),
                        "Legacy Teams (Active):     3",
                        "vNext Teams:               3",
                        "Mapped Teams:              3",
                        "Legacy Teams with Mapping: 2",
                        "Unmapped Legacy Teams:     1",
                        "Mapping Coverage:          66.67%",
                        "",
                        "-".repeat(80),
                        "MAPPING HEALTH",
                        "-".repeat(80),
                        "Total Mappings:            3",
                        "Duplicate Legacy IDs:      0",
                        "Duplicate vNext IDs:       0",
                        "Orphan Mappings:           1",
                        "  Orphan Samples:",
                        "    - Mapping ID " + orphan + ": missing_legacy_team",
                        "",
                        "-".repeat(80),
                        "CONSISTENCY CHECKS",
                        "-".repeat(80),
                        "Sampled Teams:             2",
                        "Name Mismatches:           1",
                        "Slug Mismatches:           1",
                        "Membership Count Mismatches: 1",
                        "Ranking Mismatches:        0",
                        "",
                        "  Name Mismatch Samples:",
                        "    - Legacy: 'Azure Dragons (old)' vs vNext: 'Azure Dragons'",
                        "",
                        "  Membership Count Mismatch Samples:",
                        "    - Team " + vnext + ": Legacy=1, vNext=2",
                        "",
                        "  Slug Mismatch Samples:",
                        "    - Legacy: 'azure-old' vs vNext: 'azure-dragons'",
                        "",
                        "-".repeat(80),
                        "SHADOW HEALTH",
                        "-".repeat(80),
                        "Unverified Mappings:       1",
                        "Outbox Pending:            0",
                        "Outbox Blocked:            0",
                        "Oldest Pending Age:        -",
                        "Member Shadows Checked:    3 (2 teams)",
                        "Member Shadows Missing:    1",
                        "Member Shadows Differing:  0",
                        "Member Shadows Held Back:  0",
                        "Legacy Writes While Blocked: 0",
                        "",
                        "  Missing Member Shadow Samples:",
                        "    - Membership " + coach + ": user " + carol + " on vNext team " + vnext + " (COACH/ACTIVE)",
                        "",
                        "-".repeat(80),
                        "RECOMMENDATIONS",
                        "-".repeat(80),
                        "  🔴 CRITICAL: 1 legacy teams unmapped (33.3% missing). Run migration scripts to achieve 100% coverage"
                                + " before Phase 6.",
                        "  ⚠️ WARNING: 1 orphan mappings point to missing teams. Investigate and clean up orphan records.",
                        "  ⚠️ WARNING: 1 teams have name mismatches. Review and sync team names.",
                        "  ⚠️ WARNING: 1 teams have membership count mismatches. Re-run membership migration or check"
                                + " dual-write sync.",
                        "  ⚠️ WARNING: 1 teams have slug mismatches. Review and sync team slugs.",
                        "  ⚠️ WARNING: 1 vNext memberships have no legacy shadow row. Check dual-write sync and re-run the"
                                + " membership sync.",
                        "  ℹ️ INFO: 1 mappings are not verified. Re-sync their legacy shadows to verify them.",
                        "",
                        "=".repeat(80));
    }
}
