package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The before/after delta ({@code compare_reports} of the original, docs/adr/0012). */
class ReportDeltaTests {

    static JsonNode report(String json) {
        return ReportJson.parse(json).document();
    }

    static final JsonNode BEFORE = report("""
            {"meta": {"dual_write_enabled": false},
             "coverage": {"legacy_team_count": 3, "vnext_team_count": 2, "mapped_team_count": 1,
                          "legacy_teams_with_mapping": 1, "unmapped_legacy_count": 2, "mapping_percentage": 60.0},
             "mapping_health": {"total_mappings": 1, "duplicate_legacy_count": 0, "duplicate_vnext_count": 0,
                                "orphan_count": 2},
             "dual_write_health": null}""");

    static final JsonNode AFTER = report("""
            {"meta": {"dual_write_enabled": true},
             "coverage": {"legacy_team_count": 3, "vnext_team_count": 4, "mapped_team_count": 3,
                          "legacy_teams_with_mapping": 2, "unmapped_legacy_count": 1, "mapping_percentage": 66.67},
             "mapping_health": {"total_mappings": 3, "duplicate_legacy_count": 0, "duplicate_vnext_count": 0,
                                "orphan_count": 1},
             "dual_write_health": {"recent_vnext_teams": 2, "missing_legacy_count": 0, "severity": "OK"}}""");

    @Test
    void subtractsEveryCountAndTheCoverageWithoutFloatNoise() {
        ReportDelta delta = ReportDelta.between(BEFORE, AFTER);

        assertThat(delta).isEqualTo(new ReportDelta(0, 2, 2, new BigDecimal("6.67"), -1, 2, 0, 0, -1, null, null));
        assertThat(66.67 - 60.0).as("what the original wrote").isEqualTo(6.670000000000002);
    }

    @Test
    void writesDeltaJsonInTheOriginalKeyOrder() {
        assertThat(ReportJson.write(ReportDelta.between(BEFORE, AFTER).document()))
                .isEqualTo("""
                {
                  "legacy_teams": 0,
                  "vnext_teams": 2,
                  "mapped_teams": 2,
                  "coverage_pct": 6.67,
                  "unmapped_legacy": -1,
                  "total_mappings": 2,
                  "duplicate_legacy": 0,
                  "duplicate_vnext": 0,
                  "orphan_mappings": -1
                }""");
    }

    @Test
    void addsTheDualWriteKeysOnlyWhenBothReportsHaveTheSection() {
        JsonNode laterStill = report("""
                {"coverage": {"mapping_percentage": 66.67},
                 "dual_write_health": {"recent_vnext_teams": 5, "missing_legacy_count": 1}}""");

        ReportDelta delta = ReportDelta.between(AFTER, laterStill);

        assertThat(delta.recentTeams()).isEqualTo(3);
        assertThat(delta.missingLegacy()).isEqualTo(1);
        assertThat(delta.coveragePct()).isEqualTo(new BigDecimal("0.0"));
        assertThat(delta.document()).containsKeys("recent_teams", "missing_legacy");
        assertThat(ReportDelta.between(BEFORE, AFTER).document()).doesNotContainKeys("recent_teams", "missing_legacy");
    }

    @Test
    void countsMissingKeysAsZeroAsTheOriginalDid() {
        JsonNode original = report("""
                {"meta": {}, "coverage": {"legacy_team_count": 1, "mapping_percentage": 0}, "dual_write_health": null}""");
        JsonNode empty = report("{\"meta\": {}, \"coverage\": {}}");

        ReportDelta delta = ReportDelta.between(original, empty);

        assertThat(delta.legacyTeams()).isEqualTo(-1);
        assertThat(delta.totalMappings()).isZero();
        assertThat(ReportJson.write(delta.document())).contains("\"coverage_pct\": 0.0,");
    }
}
