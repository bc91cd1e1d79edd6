package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The report as JSON: the original's keys, order and layout, plus appended keys. */
class ReportJsonTests {

    @Test
    void keepsTheOriginalKeysInTheirOrderAndAppendsTheNewOnes() {
        JsonNode report =
                ReportJson.parse(ReportJson.write(ReportSamples.everything())).document();

        assertThat(names(report))
                .containsExactly(
                        "meta",
                        "coverage",
                        "mapping_health",
                        "consistency",
                        "dual_write_health",
                        "recommendations",
                        "shadow_health");
        assertThat(names(report.get("meta")))
                .containsExactly(
                        "generated_at",
                        "sample_size",
                        "filters",
                        "dual_write_enabled",
                        "dual_write_strict_mode",
                        "legacy_write_blocked",
                        "execution_time_seconds",
                        "query_count");
        assertThat(names(report.get("meta").get("filters"))).containsExactly("game_id", "region");
        assertThat(names(report.get("coverage")))
                .containsExactly(
                        "legacy_team_count",
                        "vnext_team_count",
                        "mapped_team_count",
                        "legacy_teams_with_mapping",
                        "unmapped_legacy_count",
                        "mapping_percentage");
        assertThat(names(report.get("mapping_health")))
                .containsExactly(
                        "total_mappings",
                        "duplicate_legacy_ids",
                        "duplicate_legacy_count",
                        "duplicate_vnext_ids",
                        "duplicate_vnext_count",
                        "orphan_mappings",
                        "orphan_count",
                        "unverified_mapping_count");
        assertThat(names(report.get("mapping_health").get("orphan_mappings").get(0)))
                .containsExactly("mapping_id", "type", "legacy_team_id", "vnext_team_id");
        assertThat(names(report.get("consistency")))
                .containsExactly(
                        "sampled_teams",
                        "name_mismatch_count",
                        "slug_mismatch_count",
                        "membership_count_mismatch_count",
                        "ranking_mismatch_count",
                        "samples");
        JsonNode samples = report.get("consistency").get("samples");
        assertThat(names(samples))
                .containsExactly(
                        "name_mismatches", "slug_mismatches", "membership_count_mismatches", "ranking_mismatches");
        assertThat(names(samples.get("name_mismatches").get(0)))
                .containsExactly("mapping_id", "legacy_team_id", "vnext_team_id", "legacy_name", "vnext_name");
        assertThat(names(samples.get("slug_mismatches").get(0)))
                .containsExactly("mapping_id", "legacy_team_id", "vnext_team_id", "legacy_slug", "vnext_slug");
        assertThat(names(samples.get("membership_count_mismatches").get(0)))
                .containsExactly(
                        "mapping_id", "legacy_team_id", "vnext_team_id", "legacy_count", "vnext_count", "difference");
        assertThat(names(samples.get("ranking_mismatches").get(0)))
                .containsExactly(
                        "mapping_id", "legacy_team_id", "vnext_team_id", "legacy_has_ranking", "vnext_has_ranking");
        assertThat(names(report.get("dual_write_health")))
                .containsExactly("recent_vnext_teams", "missing_legacy_count", "missing_mappings", "severity");
        assertThat(names(report.get("dual_write_health").get("missing_mappings").get(0)))
                .containsExactly("vnext_team_id", "vnext_team_name", "vnext_team_slug", "created_at", "reason");
        assertThat(names(report.get("shadow_health")))
                .containsExactly("outbox", "memberships", "legacy_writes_while_blocked", "legacy_write_guard");
        assertThat(names(report.get("shadow_health").get("outbox")))
                .containsExactly("pending_count", "blocked_count", "oldest_pending_age_seconds", "blocked_samples");
        assertThat(names(report.get("shadow_health").get("memberships")))
                .containsExactly(
                        "checked_teams",
                        "checked_memberships",
                        "missing_count",
                        "differing_count",
                        "held_back_count",
                        "samples");
    }

    @Test
    void indentsLikePythonsJsonDumpsWithIndentTwo() {
        String json = ReportJson.write(ReportSamples.originalSample());

        assertThat(json).startsWith("""
                {
                  "meta": {
                    "generated_at": "2026-01-25T14:06:48.715523+00:00",
                    "sample_size": 5,
                    "filters": {
                      "game_id": null,
                      "region": null
                    },
                    "dual_write_enabled": false,
                    "dual_write_strict_mode": false,
                    "legacy_write_blocked": true,
                    "execution_time_seconds": 0.5,
                    "query_count": 9
                  },
                  "coverage": {
                    "legacy_team_count": 1,
                    "vnext_team_count": 0,
                    "mapped_team_count": 0,
                    "legacy_teams_with_mapping": 0,
                    "unmapped_legacy_count": 1,
                    "mapping_percentage": 0.0
                  },
                  "mapping_health": {
                    "total_mappings": 0,
                    "duplicate_legacy_ids": [],
                """);
        assertThat(json).contains("""
                  "dual_write_health": null,
                  "recommendations": [
                    "🔴 CRITICAL: 1 legacy teams unmapped (100.0% missing). Run migration scripts to achieve 100% coverage before Phase 6."
                  ],
                """).endsWith("}");
    }

    @Test
    void readsAReportWrappedInTheOriginalsBannerLines() {
        String original = "Generating migration validation report...\n" + ReportJson.write(ReportSamples.everything())
                + "\n\n✅ Report generation complete.\n";

        ReportJson.Parsed parsed = ReportJson.parse(original);

        assertThat(parsed.surrounded()).isTrue();
        assertThat(parsed.document().get("coverage").get("legacy_team_count").asLong())
                .isEqualTo(1234567);
        assertThat(ReportJson.parse(ReportJson.write(ReportSamples.everything()))
                        .surrounded())
                .isFalse();
    }

    @Test
    void refusesTextThatHoldsNoJson() {
        assertThatThrownBy(() -> ReportJson.parse("Generating migration validation report...\nerror: boom"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("is not valid JSON (");
        assertThatThrownBy(() -> ReportJson.parse("{\"meta\": {\"sample_size\": 5,"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("is not valid JSON (");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
