package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.Coverage;
import gg.deltacrown.validation.ValidationReport.DualWriteHealth;
import gg.deltacrown.validation.ValidationReport.MappingHealth;
import gg.deltacrown.validation.ValidationReport.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original's recommendation rules and the new ones, with their exact strings (docs/adr/0010). */
class RecommendationsTests {

    static final Coverage FULL = new Coverage(10, 10, 10, 10, 0, 100.0);
    static final MappingHealth CLEAN = new MappingHealth(10, List.of(), 0, List.of(), 0, List.of(), 0, 0);
    static final Consistency CONSISTENT =
            new Consistency(10, 0, 0, 0, 0, new Samples(List.of(), List.of(), List.of(), List.of()));

    static List<String> of(
            Coverage coverage, MappingHealth mapping, Consistency consistency, DualWriteHealth dualWrite) {
        return Recommendations.of(coverage, mapping, consistency, dualWrite, ReportSamples.healthyShadow());
    }

    @Test
    void saysAllPassedAfterTheCoverageLineWhenNothingIsWrong() {
        assertThat(of(FULL, CLEAN, CONSISTENT, new DualWriteHealth(3, 0, List.of(), "OK")))
                .containsExactly(
                        "✅ Coverage: 100% of legacy teams are mapped to vNext.",
                        "✅ All validation checks passed. Migration data is healthy and ready for Phase 6.");
    }

    @Test
    void roundsTheMissingShareLikePythonsFormat() {
        // 100 - 99.75 = 0.25 exactly: Python's .1f rounds half to even ("0.2"), Java's %.1f would say "0.3".
        assertThat(of(new Coverage(400, 399, 399, 399, 1, 99.75), CLEAN, CONSISTENT, null))
                .first()
                .isEqualTo(
                        "🔴 CRITICAL: 1 legacy teams unmapped (0.2% missing). Run migration scripts to achieve 100% coverage"
                                + " before Phase 6.");
    }

    @Test
    void usesTheOriginalStringsInTheOriginalOrder() {
        Coverage partial = new Coverage(3, 2, 2, 2, 1, 66.67);
        MappingHealth broken = new MappingHealth(5, List.of(1L, 2L), 2, List.of(3L), 1, List.of(), 3, 0);
        Consistency drifted = new Consistency(5, 1, 0, 2, 4, CONSISTENT.samples());

        assertThat(of(partial, broken, drifted, new DualWriteHealth(2, 1, List.of(), "WARNING")))
                .containsExactly(
                        "🔴 CRITICAL: 1 legacy teams unmapped (33.3% missing). Run migration scripts to achieve 100% coverage"
                                + " before Phase 6.",
                        "🔴 CRITICAL: 2 duplicate legacy_team_id entries in TeamMigrationMap. Clean up duplicates immediately.",
                        "🔴 CRITICAL: 1 duplicate vnext_team_id entries in TeamMigrationMap. Clean up duplicates immediately.",
                        "⚠️ WARNING: 3 orphan mappings point to missing teams. Investigate and clean up orphan records.",
                        "⚠️ WARNING: 1 teams have name mismatches. Review and sync team names.",
                        "⚠️ WARNING: 2 teams have membership count mismatches. Re-run membership migration or check dual-write"
                                + " sync.",
                        "ℹ️ INFO: 4 teams have ranking presence mismatches. Verify ranking migration completed successfully.",
                        "⚠️ WARNING: 1 recent vNext teams missing legacy shadow rows. Dual-write sync may be failing. Check logs"
                                + " and re-run sync.");
    }

    @Test
    void addsALineForSlugMismatches() {
        Consistency slugs = new Consistency(5, 0, 2, 0, 0, CONSISTENT.samples());

        assertThat(of(FULL, CLEAN, slugs, null))
                .containsExactly(
                        "✅ Coverage: 100% of legacy teams are mapped to vNext.",
                        "⚠️ WARNING: 2 teams have slug mismatches. Review and sync team slugs.");
    }

    @Test
    void countsAsErrorsExactlyTheCriticalLines() {
        ValidationReport healthy = report(of(FULL, CLEAN, CONSISTENT, null));
        ValidationReport warned = report(of(
                FULL,
                new MappingHealth(1, List.of(), 0, List.of(), 0, List.of(), 2, 0),
                CONSISTENT,
                new DualWriteHealth(1, 1, List.of(), "WARNING")));
        ValidationReport unmapped = report(of(new Coverage(2, 1, 1, 1, 1, 50.0), CLEAN, CONSISTENT, null));

        assertThat(healthy.hasErrors()).isFalse();
        assertThat(warned.hasErrors())
                .as("orphans and non-strict missing shadows only warn")
                .isFalse();
        assertThat(unmapped.hasErrors()).isTrue();
    }

    private static ValidationReport report(List<String> recommendations) {
        ValidationReport sample = ReportSamples.originalSample();
        return new ValidationReport(
                sample.meta(),
                sample.coverage(),
                sample.mappingHealth(),
                sample.consistency(),
                null,
                recommendations,
                sample.shadowHealth());
    }
}
