package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Markdown files of {@code staging_validation_test}, line for line (docs/adr/0012). */
class StagingSummariesTests {

    static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 26, 14, 30, 5);

    static StagingSummaries summaries(JsonNode before, JsonNode after) {
        return new StagingSummaries(
                before, after, ReportDelta.between(before, after), "staging-k8s", "artifacts/p5_t6/20260126_1430", NOW);
    }

    static JsonNode withRecommendations(JsonNode report, String json) {
        return ReportDeltaTests.report(
                ReportJson.write(report).replaceFirst("\\{", "{\"recommendations\": " + json + ","));
    }

    @Test
    void writesTheDeltaMarkdown() {
        assertThat(summaries(ReportDeltaTests.BEFORE, ReportDeltaTests.AFTER).deltaMarkdown())
                .isEqualTo("""
                # Validation Delta Report

                **Generated:** 2026-01-26 14:30:05 \s

                ## Coverage Delta

                - vNext Teams: **+2** \s
                - Mapped Teams: **+2** \s
                - Coverage %: **+6.67%** \s
                - Unmapped Legacy: **-1** \s

                ## Mapping Health Delta

                - Total Mappings: **+2** \s
                - Duplicate Legacy IDs: **+0** \s
                - Duplicate vNext IDs: **+0** \s
                - Orphan Mappings: **-1** \s

                """);
    }

    @Test
    void saysGoWhenEveryNewTeamIsMappedAndNothingIsMissing() {
        assertThat(summaries(ReportDeltaTests.BEFORE, ReportDeltaTests.AFTER).summary())
                .isEqualTo("""
                # P5-T6 Staging Testing Summary

                **Date:** 2026-01-26 14:30 \s
                **Environment:** staging-k8s \s
                **Dual-Write Enabled:** true \s
                **Strict Mode:** unknown \s

                ## Key Metrics

                - vNext Teams Created: **2** \s
                - Legacy Shadow Rows Created: **2** \s
                - Coverage Change: **+6.67%** \s
                - Duplicate IDs: **0 legacy, 0 vNext** \s
                - Orphan Mappings: **-1** \s

                ## Dual-Write Health

                - Recent vNext Teams (24h): **2** \s
                - Missing Legacy Count: **0** \s
                - Severity: **OK** \s

                ## Test Flows Executed

                [MANUAL FILL]

                ## Go/No-Go Recommendation

                ✅ **GO** - Dual-write functioning correctly


                ## Copy/Paste for Tracker

                ```
                P5-T6 Staging Testing Completed (2026-01-26)
                - vNext Teams Created: 2
                - Mapped Teams: 2
                - Dual-Write Status: ✅ SUCCESS
                - Artifact Directory: artifacts/p5_t6/20260126_1430
                ```
                """);
    }

    @Test
    void saysNoGoWithEveryIssueAndSurvivesAMissingDualWriteHealth() {
        JsonNode after = ReportDeltaTests.report("""
                {"meta": {"dual_write_enabled": true, "dual_write_strict_mode": false},
                 "coverage": {"vnext_team_count": 5, "mapped_team_count": 2},
                 "mapping_health": {"duplicate_legacy_count": 1},
                 "dual_write_health": null,
                 "shadow_health": {"outbox": {"blocked_count": 2},
                                   "memberships": {"missing_count": 3, "differing_count": 1}}}""");
        JsonNode before = ReportDeltaTests.report("""
                {"meta": {}, "coverage": {}, "shadow_health": {"memberships": {"missing_count": 1}}}""");

        String summary = summaries(before, after).summary();

        assertThat(summary).contains("""
                **Dual-Write Enabled:** true \s
                **Strict Mode:** false \s
                """, """
                - Recent vNext Teams (24h): **0** \s
                - Missing Legacy Count: **0** \s
                - Severity: **N/A** \s
                """, """
                ❌ **NO-GO**

                **Issues:**
                - Dual-write mapping incomplete
                - Duplicate IDs detected
                - 2 blocked dual-write outbox entries
                - 3 more membership shadows missing or different than before

                ## Copy/Paste for Tracker
                """, "- Dual-Write Status: ❌ ISSUES FOUND\n");
    }

    @Test
    void countsMissingLegacyShadowsOfTheAfterReport() {
        JsonNode after = ReportDeltaTests.report("""
                {"meta": {}, "coverage": {}, "dual_write_health": {"missing_legacy_count": 4, "severity": "WARNING"}}""");

        assertThat(summaries(ReportDeltaTests.BEFORE, after).issues()).containsExactly("4 missing legacy shadows");
    }

    @Test
    void writesTheDetailedSummaryWithTheEnvironmentOfTheReports() {
        JsonNode after = withRecommendations(ReportDeltaTests.AFTER, "[\"⚠️ WARNING: 1 teams have name mismatches.\"]");

        StagingSummaries summaries = summaries(ReportDeltaTests.BEFORE, after);

        assertThat(summaries.detailedSummaryName()).isEqualTo("staging_test_summary_20260126_143005.md");
        assertThat(summaries.detailedSummary()).isEqualTo("""
                # P5-T6 Staging Dual-Write Testing Summary

                **Generated:** 2026-01-26 14:30:05 \s
                **Test Duration:** [MANUAL FILL] \s
                **Tester:** [MANUAL FILL] \s

                ## Test Environment

                - **Environment:** staging-k8s \s
                - **Dual-Write Enabled:** `true` \s
                - **Strict Mode:** `unknown` \s
                - **Legacy Write Blocked:** `unknown` \s

                ## Coverage Delta

                - vNext Teams Created: **+2** \s
                - Mapped Teams: **+2** \s
                - Coverage Change: **+6.67%** \s
                - Total Mappings: **+2** \s

                ## Test Flows Executed

                - [ ] Independent team creation \s
                - [ ] Org-owned team creation \s
                - [ ] Add team member \s
                - [ ] Update member role \s
                - [ ] Remove team member \s
                - [ ] Update team settings \s

                ## Validation Results

                ### Before Testing

                - Legacy Teams: 3 \s
                - vNext Teams: 2 \s
                - Mapped Teams: 1 \s
                - Coverage: 60.00% \s

                ### After Testing

                - Legacy Teams: 3 \s
                - vNext Teams: 4 \s
                - Mapped Teams: 3 \s
                - Coverage: 66.67% \s

                ## Issues Encountered

                [MANUAL FILL - Describe any issues, failures, or unexpected behavior]

                ## Performance Observations

                [MANUAL FILL - Query counts, latency, resource usage]

                ## Rollback Status

                - [ ] Rollback procedures tested \s
                - [ ] Test data cleaned up \s
                - [ ] Dual-write still enabled: [YES/NO] \s

                ## Recommendations

                - ⚠️ WARNING: 1 teams have name mismatches. \s

                ## Next Steps

                - [ ] Review summary with team \s
                - [ ] Update tracker with results \s
                - [ ] Plan Phase 6 unblock preparation \s
                - [ ] Schedule production dual-write enablement \s
                """);
        assertThat(summaries(ReportDeltaTests.BEFORE, ReportDeltaTests.AFTER).detailedSummary())
                .contains("## Recommendations\n\n- ✅ No critical recommendations  \n");
    }

    @Test
    void anAutomatedRunFillsTheManualPlacesAndItsFailuresAreNoGo() {
        JsonNode before = ReportDeltaTests.BEFORE;
        JsonNode after = ReportDeltaTests.AFTER;
        StagingSummaries.AutomatedRun run = new StagingSummaries.AutomatedRun(
                "cli:ops",
                Duration.ofSeconds(42),
                List.of("\u2705 Flow 1: created", "\u274C Flow 2 (add team member): expected 200, got 404"),
                List.of("Flow 2 (add team member): expected 200, got 404"),
                List.of("GET team detail x20: average 9.0 ms, p95 12 ms"));
        StagingSummaries summaries = new StagingSummaries(
                before,
                after,
                ReportDelta.between(before, after),
                "staging-k8s",
                "artifacts/p5_t6/20260126_1430",
                NOW,
                run);

        assertThat(summaries.issues()).containsExactly("Flow 2 (add team member): expected 200, got 404");
        assertThat(summaries.summary())
                .contains("## Test Flows Executed\n\n- \u2705 Flow 1: created  \n- \u274C Flow 2 (add team member)")
                .contains("\u274C **NO-GO**\n\n**Issues:**\n- Flow 2 (add team member): expected 200, got 404\n")
                .doesNotContain("[MANUAL FILL]");
        assertThat(summaries.detailedSummary())
                .contains("**Test Duration:** 42 s (automated: staging_runbook)  \n**Tester:** cli:ops  \n")
                .contains("## Issues Encountered\n\n- Flow 2 (add team member): expected 200, got 404  \n")
                .contains("## Performance Observations\n\n- GET team detail x20: average 9.0 ms, p95 12 ms  \n")
                .doesNotContain("[MANUAL FILL]");
    }
}
