package gg.deltacrown.runbook;

import gg.deltacrown.validation.PythonFormat;
import gg.deltacrown.validation.ReportDelta;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Phase 8: the tracker update with the fields the runbook asks for (8.1: status, environment,
 * before/after summaries, issues and their resolution, strict mode stayed off, next task), and the
 * incident summary in the runbook's template (8.2) when anything failed.
 */
final class TrackerUpdate {

    static final String TRACKER = "TRACKER_UPDATE.md";
    static final String INCIDENT = "INCIDENT_SUMMARY.md";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private TrackerUpdate() {}

    /** The files of Phase 8 under the artifact tree: the tracker block, and the incident summary on NO-GO. */
    static Map<Path, String> files(RunReport report) {
        Map<Path, String> files = new LinkedHashMap<>();
        Path root = report.request().outDir();
        files.put(root.resolve(TRACKER), tracker(report));
        if (!report.go()) {
            files.put(root.resolve(INCIDENT), incident(report));
        }
        return files;
    }

    static String tracker(RunReport report) {
        StringBuilder text = new StringBuilder()
                .append("### P5-T6 Staging Testing / Enable Dual-Write: ")
                .append(report.go() ? "\u2705 COMPLETED" : "\u274C NOT COMPLETED (NO-GO)")
                .append("\n\n")
                .append("- **Date:** ")
                .append(MINUTES.format(report.started()))
                .append(" (automated run ")
                .append(report.runId())
                .append(", ")
                .append(report.duration().toSeconds())
                .append(" s, by ")
                .append(report.request().operator())
                .append(")\n")
                .append("- **Environment:** ")
                .append(report.environment())
                .append('\n')
                .append("- **Success criteria:** ")
                .append(report.count(Outcome.Status.PASS))
                .append(" PASS, ")
                .append(report.count(Outcome.Status.FAIL))
                .append(" FAIL, ")
                .append(report.count(Outcome.Status.SKIPPED))
                .append(" SKIPPED of ")
                .append(report.criteria().size())
                .append(" (SUCCESS_CRITERIA.md)\n\n")
                .append("**Validation report before:** ")
                .append(summary(report.before()))
                .append("  \n")
                .append("**Validation report after:** ")
                .append(summary(report.after()))
                .append("  \n")
                .append("**Delta:** ")
                .append(delta(report.delta()))
                .append("\n\n")
                .append("**Issues encountered and resolutions:**\n");
        if (report.go()) {
            text.append("- None: every success criterion passed.\n");
        } else {
            report.issues().forEach(issue -> text.append("- ").append(issue).append('\n'));
            text.append("- Resolution: ").append(report.rollback()).append("; see INCIDENT_SUMMARY.md\n");
        }
        return text.append("\n**Strict mode:** ")
                .append(report.strictMode())
                .append("  \n**Flags left:** ")
                .append(report.finalFlags())
                .append("  \n**Next task:** ")
                .append(
                        report.go()
                                ? "Phase 6 unblock preparation (dual-write proven in staging)"
                                : "fix the issues above and run the staging runbook again; Phase 6 stays blocked")
                .append("\n")
                .toString();
    }

    static String incident(RunReport report) {
        long teams = report.delta().vnextTeams();
        return "### P5-T6 Staging Testing - Incident Summary\n\n"
                + "**Issue:** " + String.join("; ", report.issues()) + "\n"
                + "**Impact:** staging only; the run's own test teams (" + teams + " in the after report, named '"
                + "Staging Test Team " + report.runId() + "...'), no other team or request\n"
                + "**Root Cause:** not determined by the automated run; the first failure above and the artifacts"
                + " under " + report.request().outDir() + " (logs/, SUCCESS_CRITERIA.md) are where to start\n"
                + "**Resolution:** " + report.rollback() + "\n"
                + "**Prevention:** a regression test for the cause, then the staging runbook again before production\n"
                + "**Rollback Executed:** Yes - " + report.rollback() + "\n";
    }

    private static String summary(JsonNode report) {
        JsonNode coverage = report.path("coverage");
        JsonNode health = report.path("dual_write_health");
        return "legacy " + coverage.path("legacy_team_count").asLong(0) + ", vNext "
                + coverage.path("vnext_team_count").asLong(0) + ", mapped "
                + coverage.path("mapped_team_count").asLong(0) + " ("
                + PythonFormat.fixed(coverage.path("mapping_percentage").asDouble(0), 2) + " %), dual-write health "
                + (health.isObject()
                        ? "present (missing legacy "
                                + health.path("missing_legacy_count").asLong(0) + ")"
                        : "null");
    }

    private static String delta(ReportDelta delta) {
        return "vNext teams " + PythonFormat.signed(delta.vnextTeams()) + ", mapped teams "
                + PythonFormat.signed(delta.mappedTeams()) + ", coverage "
                + PythonFormat.signedFixed(delta.coveragePct().doubleValue(), 2) + " %, duplicate ids "
                + PythonFormat.signed(delta.duplicateLegacy() + delta.duplicateVnext()) + ", orphan mappings "
                + PythonFormat.signed(delta.orphanMappings());
    }
}
