package gg.deltacrown.validation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Markdown files {@code staging_validation_test} writes next to {@code delta.json} (docs/adr/0012),
 * line for line the original script's, with its hard-coded lines replaced by facts: the
 * environment is the {@code --env} given, the flag lines come from the after report's
 * {@code meta}, and a missing dual-write health section reads as zeros instead of crashing.
 */
public final class StagingSummaries {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);

    private final JsonNode before;
    private final JsonNode after;
    private final ReportDelta delta;
    private final String environment;
    private final String artifactDirectory;
    private final LocalDateTime now;
    private final AutomatedRun run;

    /**
     * What the automated runbook ({@code staging_runbook}) did between the two reports: it fills
     * the places the manual runbook leaves as {@code [MANUAL FILL]}, and its failed checks are
     * NO-GO issues too.
     *
     * @param flows one line per test flow, with its outcome
     * @param problems the checks that failed (empty when every flow and shadow check passed)
     * @param performance one line per measurement
     * @param rollback one line per rollback step the run carried out (replaces the unchecked boxes)
     */
    public record AutomatedRun(
            String tester,
            Duration duration,
            List<String> flows,
            List<String> problems,
            List<String> performance,
            List<String> rollback) {

        public AutomatedRun(
                String tester, Duration duration, List<String> flows, List<String> problems, List<String> performance) {
            this(tester, duration, flows, problems, performance, List.of());
        }
    }

    public StagingSummaries(
            JsonNode before,
            JsonNode after,
            ReportDelta delta,
            String environment,
            String artifactDirectory,
            LocalDateTime now) {
        this(before, after, delta, environment, artifactDirectory, now, null);
    }

    public StagingSummaries(
            JsonNode before,
            JsonNode after,
            ReportDelta delta,
            String environment,
            String artifactDirectory,
            LocalDateTime now,
            AutomatedRun run) {
        this.before = before;
        this.after = after;
        this.delta = delta;
        this.environment = environment;
        this.artifactDirectory = artifactDirectory;
        this.now = now;
        this.run = run;
    }

    /** {@code staging_test_summary_<YYYYmmdd_HHMMSS>.md}. */
    public String detailedSummaryName() {
        return "staging_test_summary_" + FILE.format(now) + ".md";
    }

    /**
     * The four files of the delta analysis, in the order they are listed to the operator:
     * {@code delta.json}, {@code delta.md}, {@code SUMMARY.md}, {@code staging_test_summary_<time>.md}.
     */
    public Map<Path, String> files(Path root) {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(root.resolve("delta.json"), ReportJson.write(delta.document()));
        files.put(root.resolve("delta.md"), deltaMarkdown());
        files.put(root.resolve("SUMMARY.md"), summary());
        files.put(root.resolve(detailedSummaryName()), detailedSummary());
        return files;
    }

    public String deltaMarkdown() {
        return "# Validation Delta Report\n\n"
                + "**Generated:** " + SECONDS.format(now) + "  \n\n"
                + "## Coverage Delta\n\n"
                + "- vNext Teams: **" + PythonFormat.signed(delta.vnextTeams()) + "**  \n"
                + "- Mapped Teams: **" + PythonFormat.signed(delta.mappedTeams()) + "**  \n"
                + "- Coverage %: **" + coverageChange() + "%**  \n"
                + "- Unmapped Legacy: **" + PythonFormat.signed(delta.unmappedLegacy()) + "**  \n\n"
                + "## Mapping Health Delta\n\n"
                + "- Total Mappings: **" + PythonFormat.signed(delta.totalMappings()) + "**  \n"
                + "- Duplicate Legacy IDs: **" + PythonFormat.signed(delta.duplicateLegacy()) + "**  \n"
                + "- Duplicate vNext IDs: **" + PythonFormat.signed(delta.duplicateVnext()) + "**  \n"
                + "- Orphan Mappings: **" + PythonFormat.signed(delta.orphanMappings()) + "**  \n\n";
    }

    /**
     * The issues that make the staging test a NO-GO: the original's three, then (when the after
     * report has a {@code shadow_health} section) blocked outbox entries, and more membership
     * shadows missing or different than before the test (drift older than the test is the
     * migration's business, not the dual-write's).
     */
    public List<String> issues() {
        List<String> issues = new ArrayList<>(run == null ? List.of() : run.problems());
        if (delta.vnextTeams() > 0 && delta.mappedTeams() != delta.vnextTeams()) {
            issues.add("Dual-write mapping incomplete");
        }
        if (delta.duplicateLegacy() > 0 || delta.duplicateVnext() > 0) {
            issues.add("Duplicate IDs detected");
        }
        long missingShadows = ReportDelta.number(after, "dual_write_health", "missing_legacy_count");
        if (missingShadows > 0) {
            issues.add(missingShadows + " missing legacy shadows");
        }
        JsonNode shadow = after.path("shadow_health");
        long blocked = shadow.path("outbox").path("blocked_count").asLong(0);
        if (blocked > 0) {
            issues.add(blocked + " blocked dual-write outbox entries");
        }
        long members = membershipProblems(after) - membershipProblems(before);
        if (members > 0) {
            issues.add(members + " more membership shadows missing or different than before");
        }
        return issues;
    }

    public String summary() {
        List<String> issues = issues();
        StringBuilder text = new StringBuilder()
                .append("# P5-T6 Staging Testing Summary\n\n")
                .append("**Date:** ")
                .append(MINUTES.format(now))
                .append("  \n")
                .append("**Environment:** ")
                .append(environment)
                .append("  \n")
                .append("**Dual-Write Enabled:** ")
                .append(flag("dual_write_enabled"))
                .append("  \n")
                .append("**Strict Mode:** ")
                .append(flag("dual_write_strict_mode"))
                .append("  \n\n")
                .append("## Key Metrics\n\n")
                .append("- vNext Teams Created: **")
                .append(delta.vnextTeams())
                .append("**  \n")
                .append("- Legacy Shadow Rows Created: **")
                .append(delta.mappedTeams())
                .append("**  \n")
                .append("- Coverage Change: **")
                .append(coverageChange())
                .append("%**  \n")
                .append("- Duplicate IDs: **")
                .append(delta.duplicateLegacy())
                .append(" legacy, ")
                .append(delta.duplicateVnext())
                .append(" vNext**  \n")
                .append("- Orphan Mappings: **")
                .append(delta.orphanMappings())
                .append("**  \n\n")
                .append("## Dual-Write Health\n\n")
                .append("- Recent vNext Teams (24h): **")
                .append(ReportDelta.number(after, "dual_write_health", "recent_vnext_teams"))
                .append("**  \n")
                .append("- Missing Legacy Count: **")
                .append(ReportDelta.number(after, "dual_write_health", "missing_legacy_count"))
                .append("**  \n")
                .append("- Severity: **")
                .append(after.path("dual_write_health").path("severity").asString("N/A"))
                .append("**  \n\n")
                .append("## Test Flows Executed\n\n")
                .append(run == null ? "[MANUAL FILL]\n" : lines(run.flows()))
                .append("\n## Go/No-Go Recommendation\n\n");
        if (issues.isEmpty()) {
            text.append("\u2705 **GO** - Dual-write functioning correctly\n\n");
        } else {
            text.append("\u274C **NO-GO**\n\n**Issues:**\n");
            issues.forEach(issue -> text.append("- ").append(issue).append('\n'));
        }
        return text.append("\n## Copy/Paste for Tracker\n\n")
                .append("```\n")
                .append("P5-T6 Staging Testing Completed (")
                .append(DAY.format(now))
                .append(")\n")
                .append("- vNext Teams Created: ")
                .append(delta.vnextTeams())
                .append('\n')
                .append("- Mapped Teams: ")
                .append(delta.mappedTeams())
                .append('\n')
                .append("- Dual-Write Status: ")
                .append(issues.isEmpty() ? "\u2705 SUCCESS" : "\u274C ISSUES FOUND")
                .append('\n')
                .append("- Artifact Directory: ")
                .append(artifactDirectory)
                .append('\n')
                .append("```\n")
                .toString();
    }

    public String detailedSummary() {
        StringBuilder text = new StringBuilder()
                .append("# P5-T6 Staging Dual-Write Testing Summary\n\n")
                .append("**Generated:** ")
                .append(SECONDS.format(now))
                .append("  \n")
                .append("**Test Duration:** ")
                .append(run == null ? "[MANUAL FILL]" : run.duration().toSeconds() + " s (automated: staging_runbook)")
                .append("  \n")
                .append("**Tester:** ")
                .append(run == null ? "[MANUAL FILL]" : run.tester())
                .append("  \n\n")
                .append("## Test Environment\n\n")
                .append("- **Environment:** ")
                .append(environment)
                .append("  \n")
                .append("- **Dual-Write Enabled:** `")
                .append(flag("dual_write_enabled"))
                .append("`  \n")
                .append("- **Strict Mode:** `")
                .append(flag("dual_write_strict_mode"))
                .append("`  \n")
                .append("- **Legacy Write Blocked:** `")
                .append(flag("legacy_write_blocked"))
                .append("`  \n\n")
                .append("## Coverage Delta\n\n")
                .append("- vNext Teams Created: **")
                .append(PythonFormat.signed(delta.vnextTeams()))
                .append("**  \n")
                .append("- Mapped Teams: **")
                .append(PythonFormat.signed(delta.mappedTeams()))
                .append("**  \n")
                .append("- Coverage Change: **")
                .append(coverageChange())
                .append("%**  \n")
                .append("- Total Mappings: **")
                .append(PythonFormat.signed(delta.totalMappings()))
                .append("**  \n\n")
                .append("## Test Flows Executed\n\n")
                .append(run != null ? lines(run.flows()) + "\n" : """
                        - [ ] Independent team creation \s
                        - [ ] Org-owned team creation \s
                        - [ ] Add team member \s
                        - [ ] Update member role \s
                        - [ ] Remove team member \s
                        - [ ] Update team settings \s

                        """)
                .append("## Validation Results\n\n");
        coverage(text, "Before Testing", before);
        coverage(text, "After Testing", after);
        text.append("## Issues Encountered\n\n")
                .append(
                        run == null
                                ? "[MANUAL FILL - Describe any issues, failures, or unexpected behavior]\n"
                                : run.problems().isEmpty()
                                        ? "None: every flow and shadow check passed.\n"
                                        : lines(run.problems()))
                .append("\n## Performance Observations\n\n")
                .append(
                        run == null
                                ? "[MANUAL FILL - Query counts, latency, resource usage]\n"
                                : lines(run.performance()))
                .append("\n")
                .append("## Rollback Status\n\n")
                .append(
                        run != null && !run.rollback().isEmpty()
                                ? lines(run.rollback()) + "\n"
                                : "- [ ] Rollback procedures tested  \n- [ ] Test data cleaned up  \n"
                                        + "- [ ] Dual-write still enabled: [YES/NO]  \n\n")
                .append("## Recommendations\n\n");
        JsonNode recommendations = after.path("recommendations");
        if (recommendations.isArray() && !recommendations.isEmpty()) {
            recommendations.forEach(
                    line -> text.append("- ").append(line.asString()).append("  \n"));
        } else {
            text.append("- \u2705 No critical recommendations  \n");
        }
        return text.append("\n## Next Steps\n\n")
                .append("- [ ] Review summary with team  \n")
                .append("- [ ] Update tracker with results  \n")
                .append("- [ ] Plan Phase 6 unblock preparation  \n")
                .append("- [ ] Schedule production dual-write enablement  \n")
                .toString();
    }

    private static long membershipProblems(JsonNode report) {
        JsonNode memberships = report.path("shadow_health").path("memberships");
        return memberships.path("missing_count").asLong(0)
                + memberships.path("differing_count").asLong(0);
    }

    private void coverage(StringBuilder text, String title, JsonNode report) {
        text.append("### ")
                .append(title)
                .append("\n\n")
                .append("- Legacy Teams: ")
                .append(ReportDelta.number(report, "coverage", "legacy_team_count"))
                .append("  \n")
                .append("- vNext Teams: ")
                .append(ReportDelta.number(report, "coverage", "vnext_team_count"))
                .append("  \n")
                .append("- Mapped Teams: ")
                .append(ReportDelta.number(report, "coverage", "mapped_team_count"))
                .append("  \n")
                .append("- Coverage: ")
                .append(PythonFormat.fixed(
                        report.path("coverage").path("mapping_percentage").asDouble(0), 2))
                .append("%  \n\n");
    }

    private String coverageChange() {
        return PythonFormat.signedFixed(delta.coveragePct().doubleValue(), 2);
    }

    /** A flag of the after report's meta as {@code true}/{@code false} ({@code unknown} when absent). */
    private String flag(String name) {
        JsonNode value = after.path("meta").path(name);
        return value.isBoolean() ? Boolean.toString(value.asBoolean()) : "unknown";
    }

    private static String lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("- ").append(line).append("  \n"));
        return text.toString();
    }
}
