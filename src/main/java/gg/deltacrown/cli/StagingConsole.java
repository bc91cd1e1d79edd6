package gg.deltacrown.cli;

import gg.deltacrown.validation.PythonFormat;
import gg.deltacrown.validation.ReportDelta;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** What {@code staging_validation_test} tells the operator on stdout while it works (the original's lines). */
final class StagingConsole {

    private static final String RULE = "=".repeat(80);

    private StagingConsole() {}

    static void summary(JsonNode report, String label) {
        title(label.toUpperCase(java.util.Locale.ROOT) + " VALIDATION REPORT SUMMARY");
        JsonNode meta = report.path("meta");
        System.out.println("Generated: " + text(meta, "generated_at"));
        System.out.println("Sample Size: " + text(meta, "sample_size"));
        System.out.println("Dual-Write Enabled: " + text(meta, "dual_write_enabled"));
        System.out.println("Strict Mode: " + text(meta, "dual_write_strict_mode"));
        System.out.println("Execution Time: " + text(meta, "execution_time_seconds") + "s\n");
        JsonNode coverage = report.path("coverage");
        System.out.println("COVERAGE METRICS:");
        System.out.println(
                "  Legacy Teams: " + coverage.path("legacy_team_count").asLong(0));
        System.out.println("  vNext Teams: " + coverage.path("vnext_team_count").asLong(0));
        System.out.println(
                "  Mapped Teams: " + coverage.path("mapped_team_count").asLong(0));
        System.out.println("  Mapping Coverage: "
                + PythonFormat.fixed(coverage.path("mapping_percentage").asDouble(0), 2) + "%");
        System.out.println(
                "  Unmapped Legacy: " + coverage.path("unmapped_legacy_count").asLong(0) + "\n");
        JsonNode dualWrite = report.path("dual_write_health");
        if (dualWrite.isObject()) {
            System.out.println("DUAL-WRITE HEALTH:");
            System.out.println("  Recent vNext Teams (24h): "
                    + dualWrite.path("recent_vnext_teams").asLong(0));
            System.out.println("  Missing Legacy Count: "
                    + dualWrite.path("missing_legacy_count").asLong(0));
            System.out.println("  Severity: " + dualWrite.path("severity").asString("N/A") + "\n");
        } else {
            System.out.println("DUAL-WRITE HEALTH: Not available (dual-write disabled)\n");
        }
        System.out.println("RECOMMENDATIONS:");
        report.path("recommendations").forEach(line -> System.out.println("  " + line.asString()));
    }

    static void delta(JsonNode before, JsonNode after, ReportDelta delta) {
        title("DELTA ANALYSIS (AFTER - BEFORE)");
        System.out.println("COVERAGE DELTA:");
        System.out.println("  Legacy Teams: " + PythonFormat.signed(delta.legacyTeams()));
        System.out.println("  vNext Teams: " + PythonFormat.signed(delta.vnextTeams()));
        System.out.println("  Mapped Teams: " + PythonFormat.signed(delta.mappedTeams()));
        System.out.println(
                "  Coverage %: " + PythonFormat.signedFixed(delta.coveragePct().doubleValue(), 2) + "%");
        System.out.println("  Unmapped Legacy: " + PythonFormat.signed(delta.unmappedLegacy()) + "\n");
        System.out.println("MAPPING HEALTH DELTA:");
        System.out.println("  Total Mappings: " + PythonFormat.signed(delta.totalMappings()));
        System.out.println("  Duplicate Legacy IDs: " + PythonFormat.signed(delta.duplicateLegacy()));
        System.out.println("  Duplicate vNext IDs: " + PythonFormat.signed(delta.duplicateVnext()));
        System.out.println("  Orphan Mappings: " + PythonFormat.signed(delta.orphanMappings()) + "\n");
        System.out.println("DUAL-WRITE HEALTH:");
        boolean beforeHas = before.path("dual_write_health").isObject();
        JsonNode afterHealth = after.path("dual_write_health");
        if (!beforeHas && afterHealth.isObject()) {
            System.out.println("  \u2705 Dual-write health section NOW PRESENT (dual-write enabled)");
            System.out.println("  Recent vNext Teams: "
                    + afterHealth.path("recent_vnext_teams").asLong(0));
            System.out.println("  Missing Legacy: "
                    + afterHealth.path("missing_legacy_count").asLong(0));
            System.out.println("  Severity: " + afterHealth.path("severity").asString("N/A"));
        } else if (delta.recentTeams() != null) {
            System.out.println("  Dual-write was already enabled");
            System.out.println("  Recent Teams Delta: " + PythonFormat.signed(delta.recentTeams()));
            System.out.println("  Missing Legacy Delta: " + PythonFormat.signed(delta.missingLegacy()));
        } else {
            System.out.println("  Dual-write health not available in either report");
        }
        System.out.println();
    }

    static void manualTesting() {
        title("MANUAL STAGING TESTING REQUIRED");
        System.out.println("Please complete the following steps in staging environment:");
        System.out.println("1. Enable dual-write flags (ENABLED=true, STRICT_MODE=false)");
        System.out.println("2. Execute test flows (see runbook for details):");
        System.out.println("   - Create independent team");
        System.out.println("   - Add/update/remove members");
        System.out.println("   - Update team settings");
        System.out.println("3. Verify logs show 'dual_write_scheduled' events");
        System.out.println("4. Verify legacy shadow rows in database");
        System.out.println("5. Check for performance regressions\n");
    }

    static void nextSteps(Path summary, Path detailed) {
        title("VALIDATION TEST COMPLETE");
        System.out.println("Next steps:");
        System.out.println("1. Review summary report: " + summary);
        System.out.println("2. Review full report: " + detailed);
        System.out.println("3. Fill in manual sections (test flows, issues, performance)");
        System.out.println("4. Copy/paste tracker block from SUMMARY.md");
        System.out.println("5. Commit artifact directory to repository");
        System.out.println("6. Update tracker markdown file\n");
    }

    private static void title(String title) {
        System.out.println();
        System.out.println(RULE);
        System.out.println(title);
        System.out.println(RULE);
        System.out.println();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull()
                ? "N/A"
                : value.isBoolean() ? PythonFormat.bool(value.asBoolean()) : value.asString();
    }
}
