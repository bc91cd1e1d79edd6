package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The original's text layout (docs/adr/0010), line by line, for known reports. */
class ReportTextTests {

    @Test
    void laysOutTheOriginalSampleAsTheOriginalCommandDid() {
        assertThat(ReportText.render(ReportSamples.originalSample()).split("\n", -1))
                .containsExactly(
                        "================================================================================",
                        "MIGRATION VALIDATION REPORT",
                        "================================================================================",
                        "",
                        "Generated: 2026-01-25T14:06:48.715523+00:00",
                        "Execution Time: 0.5s",
                        "Sample Size: 5",
                        "Query Count: 9",
                        "",
                        "Environment Flags:",
                        "  Dual-Write Enabled: False",
                        "  Dual-Write Strict Mode: False",
                        "  Legacy Write Blocked: True",
                        "",
                        "--------------------------------------------------------------------------------",
                        "COVERAGE METRICS",
                        "--------------------------------------------------------------------------------",
                        "Legacy Teams (Active):     1",
                        "vNext Teams:               0",
                        "Mapped Teams:              0",
                        "Legacy Teams with Mapping: 0",
                        "Unmapped Legacy Teams:     1",
                        "Mapping Coverage:          0.00%",
                        "",
                        "--------------------------------------------------------------------------------",
                        "MAPPING HEALTH",
                        "--------------------------------------------------------------------------------",
                        "Total Mappings:            0",
                        "Duplicate Legacy IDs:      0",
                        "Duplicate vNext IDs:       0",
                        "Orphan Mappings:           0",
                        "",
                        "--------------------------------------------------------------------------------",
                        "CONSISTENCY CHECKS",
                        "--------------------------------------------------------------------------------",
                        "Sampled Teams:             0",
                        "Name Mismatches:           0",
                        "Slug Mismatches:           0",
                        "Membership Count Mismatches: 0",
                        "Ranking Mismatches:        0",
                        "",
                        "--------------------------------------------------------------------------------",
                        "SHADOW HEALTH",
                        "--------------------------------------------------------------------------------",
                        "Unverified Mappings:       0",
                        "Outbox Pending:            0",
                        "Outbox Blocked:            0",
                        "Oldest Pending Age:        -",
                        "Member Shadows Checked:    0 (0 teams)",
                        "Member Shadows Missing:    0",
                        "Member Shadows Differing:  0",
                        "Member Shadows Held Back:  0",
                        "Legacy Writes While Blocked: 0",
                        "",
                        "--------------------------------------------------------------------------------",
                        "RECOMMENDATIONS",
                        "--------------------------------------------------------------------------------",
                        "  \uD83D\uDD34 CRITICAL: 1 legacy teams unmapped (100.0% missing). Run migration scripts to achieve 100%"
                                + " coverage before Phase 6.",
                        "",
                        "================================================================================");
    }

    @Test
    void laysOutEveryOptionalBlock() {
        List<String> lines =
                List.of(ReportText.render(ReportSamples.everything()).split("\n", -1));

        assertThat(lines)
                .containsExactly(
                        "================================================================================",
                        "MIGRATION VALIDATION REPORT",
                        "================================================================================",
                        "",
                        "Generated: 2026-01-25T14:06:48+00:00",
                        "Execution Time: 3.25s",
                        "Sample Size: 100",
                        "Query Count: 11",
                        "",
                        "Filters:",
                        "  Game ID: 0",
                        "  Region: EU",
                        "",
                        "Environment Flags:",
                        "  Dual-Write Enabled: True",
                        "  Dual-Write Strict Mode: True",
                        "  Legacy Write Blocked: True",
                        "",
                        "--------------------------------------------------------------------------------",
                        "COVERAGE METRICS",
                        "--------------------------------------------------------------------------------",
                        "Legacy Teams (Active):     1,234,567",
                        "vNext Teams:               1,200,000",
                        "Mapped Teams:              1,100,003",
                        "Legacy Teams with Mapping: 1,100,000",
                        "Unmapped Legacy Teams:     134,567",
                        "Mapping Coverage:          89.10%",
                        "",
                        "--------------------------------------------------------------------------------",
                        "MAPPING HEALTH",
                        "--------------------------------------------------------------------------------",
                        "Total Mappings:            1,100,003",
                        "Duplicate Legacy IDs:      6",
                        "Duplicate vNext IDs:       1",
                        "Orphan Mappings:           4",
                        "  Duplicate Legacy IDs: [11, 12, 13, 14, 15]",
                        "  Duplicate vNext IDs: [21]",
                        "  Orphan Samples:",
                        "    - Mapping ID 901: missing_legacy_team",
                        "    - Mapping ID 902: missing_legacy_team",
                        "    - Mapping ID 903: missing_legacy_team",
                        "",
                        "--------------------------------------------------------------------------------",
                        "CONSISTENCY CHECKS",
                        "--------------------------------------------------------------------------------",
                        "Sampled Teams:             100",
                        "Name Mismatches:           2",
                        "Slug Mismatches:           1",
                        "Membership Count Mismatches: 1",
                        "Ranking Mismatches:        3",
                        "",
                        "  Name Mismatch Samples:",
                        "    - Legacy: 'Crimson Wolves (old)' vs vNext: 'Crimson Wolves'",
                        "    - Legacy: 'Azure' vs vNext: 'Azure Dragons'",
                        "",
                        "  Membership Count Mismatch Samples:",
                        "    - Team 23: Legacy=4, vNext=5",
                        "",
                        "  Slug Mismatch Samples:",
                        "    - Legacy: 'jade-old' vs vNext: 'jade-tigers'",
                        "",
                        "--------------------------------------------------------------------------------",
                        "DUAL-WRITE HEALTH",
                        "--------------------------------------------------------------------------------",
                        "Recent vNext Teams (24h):  7",
                        "Missing Legacy Shadow:     2",
                        "Severity:                  ERROR",
                        "",
                        "  Missing Mappings Samples:",
                        "    - vNext Team 31: 'Staging Test Team Alpha' (created 2026-01-25T14:00:00+00:00)",
                        "    - vNext Team 30: 'Perf Test Team 1' (created 2026-01-25T13:59:58.120000+00:00)",
                        "",
                        "--------------------------------------------------------------------------------",
                        "SHADOW HEALTH",
                        "--------------------------------------------------------------------------------",
                        "Unverified Mappings:       12",
                        "Outbox Pending:            3",
                        "Outbox Blocked:            1",
                        "Oldest Pending Age:        1200s",
                        "Member Shadows Checked:    58 (12 teams)",
                        "Member Shadows Missing:    1",
                        "Member Shadows Differing:  1",
                        "Member Shadows Held Back:  1",
                        "Legacy Writes While Blocked: 2",
                        "",
                        "  Blocked Outbox Samples:",
                        "    - Outbox 41: sync_team_member_added for vNext team 31 (user_profile_not_found)",
                        "",
                        "  Missing Member Shadow Samples:",
                        "    - Membership 501: user 9 on vNext team 31 (PLAYER/ACTIVE)",
                        "",
                        "  Differing Member Shadow Samples:",
                        "    - Membership 502: legacy PLAYER/ACTIVE, expected PLAYER/REMOVED",
                        "",
                        "  Held Back Member Shadow Samples:",
                        "    - Membership 503: user 7 is ACTIVE in another legacy team of the game; legacy PLAYER/PENDING",
                        "",
                        "  Latest Legacy Writes:",
                        "    - 2026-01-25T13:00:00+00:00: UPDATE on teams_team (bypass_reason: manual_fix)",
                        "",
                        "--------------------------------------------------------------------------------",
                        "RECOMMENDATIONS",
                        "--------------------------------------------------------------------------------",
                        "  🔴 CRITICAL: 134567 legacy teams unmapped (10.9% missing). Run migration scripts to achieve 100%"
                                + " coverage before Phase 6.",
                        "  🔴 CRITICAL: 6 duplicate legacy_team_id entries in TeamMigrationMap. Clean up duplicates immediately.",
                        "  🔴 CRITICAL: 1 duplicate vnext_team_id entries in TeamMigrationMap. Clean up duplicates immediately.",
                        "  ⚠️ WARNING: 4 orphan mappings point to missing teams. Investigate and clean up orphan records.",
                        "  ⚠️ WARNING: 2 teams have name mismatches. Review and sync team names.",
                        "  ⚠️ WARNING: 1 teams have membership count mismatches. Re-run membership migration or check"
                                + " dual-write sync.",
                        "  ℹ️ INFO: 3 teams have ranking presence mismatches. Verify ranking migration completed successfully.",
                        "  🔴 CRITICAL: 2 recent vNext teams missing legacy shadow rows. Dual-write sync may be failing. Check"
                                + " logs and re-run sync.",
                        "  ⚠️ WARNING: 1 teams have slug mismatches. Review and sync team slugs.",
                        "  🔴 CRITICAL: 1 dual-write outbox entries are BLOCKED. Their legacy shadows stay stale until an"
                                + " operator retries or unblocks them.",
                        "  ⚠️ WARNING: 3 dual-write outbox entries pending, the oldest for 1200s. Check that the dual-write"
                                + " dispatcher is running.",
                        "  ⚠️ WARNING: 1 vNext memberships have no legacy shadow row. Check dual-write sync and re-run the"
                                + " membership sync.",
                        "  ⚠️ WARNING: 1 legacy membership shadows differ from vNext (role or status). Re-run the membership"
                                + " sync.",
                        "  ℹ️ INFO: 1 vNext members are ACTIVE in two teams of one game; the legacy app allows one, so their"
                                + " second legacy membership is kept PENDING.",
                        "  ⚠️ WARNING: 2 legacy writes got through while legacy write blocking was on. Review"
                                + " organizations_legacy_write_audit.",
                        "  ℹ️ INFO: 12 mappings are not verified. Re-sync their legacy shadows to verify them.",
                        "",
                        "================================================================================");
    }

    @Test
    void writesTheEmojiAsTheSpecsCodePoints() {
        String text = ReportText.render(ReportSamples.everything());

        assertThat(text).contains("\uD83D\uDD34 CRITICAL", "\u26A0\uFE0F WARNING", "\u2139\uFE0F INFO");
        assertThat(text.codePoints().filter(c -> c == 0x1F534).count()).isEqualTo(5);
    }
}
