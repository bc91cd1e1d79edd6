package gg.deltacrown.validation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What changed between a report taken before the staging test flows and one taken after (docs/adr/0012,
 * {@code compare_reports}): each value is after minus before, a missing key counting as 0. The
 * coverage difference is computed in decimal, so 66.67 - 33.33 is 33.34 and not
 * 33.34000000000001 (the original subtracted floats). The dual-write keys exist only when both
 * reports have a dual-write health section.
 */
public record ReportDelta(
        long legacyTeams,
        long vnextTeams,
        long mappedTeams,
        BigDecimal coveragePct,
        long unmappedLegacy,
        long totalMappings,
        long duplicateLegacy,
        long duplicateVnext,
        long orphanMappings,
        Long recentTeams,
        Long missingLegacy) {

    public static ReportDelta between(JsonNode before, JsonNode after) {
        boolean bothDualWrite = present(before, "dual_write_health") && present(after, "dual_write_health");
        return new ReportDelta(
                difference(before, after, "coverage", "legacy_team_count"),
                difference(before, after, "coverage", "vnext_team_count"),
                difference(before, after, "coverage", "mapped_team_count"),
                percentagePoints(decimal(after, "coverage", "mapping_percentage")
                        .subtract(decimal(before, "coverage", "mapping_percentage"))),
                difference(before, after, "coverage", "unmapped_legacy_count"),
                difference(before, after, "mapping_health", "total_mappings"),
                difference(before, after, "mapping_health", "duplicate_legacy_count"),
                difference(before, after, "mapping_health", "duplicate_vnext_count"),
                difference(before, after, "mapping_health", "orphan_count"),
                bothDualWrite ? difference(before, after, "dual_write_health", "recent_vnext_teams") : null,
                bothDualWrite ? difference(before, after, "dual_write_health", "missing_legacy_count") : null);
    }

    /** The {@code delta.json} document: keys in the original's order. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("legacy_teams", legacyTeams);
        document.put("vnext_teams", vnextTeams);
        document.put("mapped_teams", mappedTeams);
        document.put("coverage_pct", coveragePct);
        document.put("unmapped_legacy", unmappedLegacy);
        document.put("total_mappings", totalMappings);
        document.put("duplicate_legacy", duplicateLegacy);
        document.put("duplicate_vnext", duplicateVnext);
        document.put("orphan_mappings", orphanMappings);
        if (recentTeams != null) {
            document.put("recent_teams", recentTeams);
            document.put("missing_legacy", missingLegacy);
        }
        return document;
    }

    /** {@code report[section][key]} as a number, 0 when absent or null. */
    static long number(JsonNode report, String section, String key) {
        JsonNode value = report.path(section).path(key);
        return value.isNumber() ? value.asLong() : 0;
    }

    static boolean present(JsonNode report, String section) {
        JsonNode value = report.get(section);
        return value != null && value.isObject();
    }

    private static long difference(JsonNode before, JsonNode after, String section, String key) {
        return number(after, section, key) - number(before, section, key);
    }

    /** As a float prints: 0.0, 25.0, 33.34 (no 0.00 from subtracting 90.91 from itself). */
    private static BigDecimal percentagePoints(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    private static BigDecimal decimal(JsonNode report, String section, String key) {
        JsonNode value = report.path(section).path(key);
        if (!value.isNumber()) {
            return BigDecimal.ZERO;
        }
        return value.decimalValue();
    }
}
