package gg.deltacrown.runbook;

import gg.deltacrown.validation.PythonFormat;
import gg.deltacrown.validation.ReportDelta;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** What {@code staging_validation_test} tells the operator while it works (the original's lines). */
final class StagingConsole {

    private static final String RULE = "=".repeat(80);

    private final Consumer<String> out;

    StagingConsole(Consumer<String> out) {
        this.out = out;
    }

    void summary(JsonNode report, String label) {
        title(label.toUpperCase(Locale.ROOT) + " VALIDATION REPORT SUMMARY");
        JsonNode meta = report.path("meta");
        out.accept("Generated: " + text(meta, "generated_at"));
        out.accept("Sample Size: " + text(meta, "sample_size"));
        out.accept("Dual-Write Enabled: " + text(meta, "dual_write_enabled"));
        out.accept("Strict Mode: " + text(meta, "dual_write_strict_mode"));
        out.accept("Execution Time: " + text(meta, "execution_time_seconds") + "s\n");
        JsonNode coverage = report.path("coverage");
        out.accept("COVERAGE METRICS:");
        out.accept("  Legacy Teams: " + coverage.path("legacy_team_count").asLong(0));
        out.accept("  vNext Teams: " + coverage.path("vnext_team_count").asLong(0));
        out.accept("  Mapped Teams: " + coverage.path("mapped_team_count").asLong(0));
        out.accept("  Mapping Coverage: "
                + PythonFormat.fixed(coverage.path("mapping_percentage").asDouble(0), 2) + "%");
        out.accept(
                "  Unmapped Legacy: " + coverage.path("unmapped_legacy_count").asLong(0) + "\n");
        JsonNode dualWrite = report.path("dual_write_health");
        if (dualWrite.isObject()) {
            out.accept("DUAL-WRITE HEALTH:");
            out.accept("  Recent vNext Teams (24h): "
                    + dualWrite.path("recent_vnext_teams").asLong(0));
            out.accept("  Missing Legacy Count: "
                    + dualWrite.path("missing_legacy_count").asLong(0));
            out.accept("  Severity: " + dualWrite.path("severity").asString("N/A") + "\n");
        } else {
            out.accept("DUAL-WRITE HEALTH: Not available (dual-write disabled)\n");
        }
        out.accept("RECOMMENDATIONS:");
        report.path("recommendations").forEach(line -> out.accept("  " + line.asString()));
    }

    void delta(JsonNode before, JsonNode after, ReportDelta delta) {
        title("DELTA ANALYSIS (AFTER - BEFORE)");
        out.accept("COVERAGE DELTA:");
        out.accept("  Legacy Teams: " + PythonFormat.signed(delta.legacyTeams()));
        out.accept("  vNext Teams: " + PythonFormat.signed(delta.vnextTeams()));
        out.accept("  Mapped Teams: " + PythonFormat.signed(delta.mappedTeams()));
        out.accept(
                "  Coverage %: " + PythonFormat.signedFixed(delta.coveragePct().doubleValue(), 2) + "%");
        out.accept("  Unmapped Legacy: " + PythonFormat.signed(delta.unmappedLegacy()) + "\n");
        out.accept("MAPPING HEALTH DELTA:");
        out.accept("  Total Mappings: " + PythonFormat.signed(delta.totalMappings()));
        out.accept("  Duplicate Legacy IDs: " + PythonFormat.signed(delta.duplicateLegacy()));
        out.accept("  Duplicate vNext IDs: " + PythonFormat.signed(delta.duplicateVnext()));
        out.accept("  Orphan Mappings: " + PythonFormat.signed(delta.orphanMappings()) + "\n");
        out.accept("DUAL-WRITE HEALTH:");
        boolean beforeHas = before.path("dual_write_health").isObject();
        JsonNode afterHealth = after.path("dual_write_health");
        if (!beforeHas && afterHealth.isObject()) {
            out.accept("  \u2705 Dual-write health section NOW PRESENT (dual-write enabled)");
            out.accept("  Recent vNext Teams: "
                    + afterHealth.path("recent_vnext_teams").asLong(0));
            out.accept("  Missing Legacy: "
                    + afterHealth.path("missing_legacy_count").asLong(0));
            out.accept("  Severity: " + afterHealth.path("severity").asString("N/A"));
        } else if (delta.recentTeams() != null) {
            out.accept("  Dual-write was already enabled");
            out.accept("  Recent Teams Delta: " + PythonFormat.signed(delta.recentTeams()));
            out.accept("  Missing Legacy Delta: " + PythonFormat.signed(delta.missingLegacy()));
        } else {
            out.accept("  Dual-write health not available in either report");
        }
        out.accept("");
    }

    void manualTesting() {
        title("MANUAL STAGING TESTING REQUIRED");
        out.accept("Please complete the following steps in staging environment:");
        out.accept("1. Enable dual-write flags (ENABLED=true, STRICT_MODE=false)");
        out.accept("2. Execute test flows (see runbook for details):");
        out.accept("   - Create independent team");
        out.accept("   - Add/update/remove members");
        out.accept("   - Update team settings");
        out.accept("3. Verify logs show 'dual_write_scheduled' events");
        out.accept("4. Verify legacy shadow rows in database");
        out.accept("5. Check for performance regressions\n");
    }

    void nextSteps(Path summary, Path detailed) {
        title("VALIDATION TEST COMPLETE");
        out.accept("Next steps:");
        out.accept("1. Review summary report: " + summary);
        out.accept("2. Review full report: " + detailed);
        out.accept("3. Fill in manual sections (test flows, issues, performance)");
        out.accept("4. Copy/paste tracker block from SUMMARY.md");
        out.accept("5. Commit artifact directory to repository");
        out.accept("6. Update tracker markdown file\n");
    }

    private void title(String title) {
        out.accept("");
        out.accept(RULE);
        out.accept(title);
        out.accept(RULE);
        out.accept("");
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull()
                ? "N/A"
                : value.isBoolean() ? PythonFormat.bool(value.asBoolean()) : value.asString();
    }
}
