package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.Coverage;
import gg.deltacrown.validation.ValidationReport.DualWriteHealth;
import gg.deltacrown.validation.ValidationReport.MappingHealth;
import gg.deltacrown.validation.ValidationReport.Meta;
import gg.deltacrown.validation.ValidationReport.ShadowHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as text, line for line the original's layout (docs/adr/0010): values start at column 28,
 * booleans print as {@code True}/{@code False}, counts of teams with thousands separators. Lines
 * this service adds: {@code Query Count} in the header, slug mismatch samples after the membership
 * samples, and the SHADOW HEALTH section before the recommendations.
 */
public final class ReportText {

    private static final String DOUBLE_RULE = "=".repeat(80);
    private static final String RULE = "-".repeat(80);

    private final List<String> lines = new ArrayList<>();

    private ReportText() {}

    /** The text, lines joined by {@code \n}, without a trailing newline (as the original wrote its file). */
    public static String render(ValidationReport report) {
        ReportText text = new ReportText();
        text.header(report.meta());
        text.coverage(report.coverage());
        text.mappingHealth(report.mappingHealth());
        text.consistency(report.consistency());
        if (report.dualWriteHealth() != null) {
            text.dualWriteHealth(report.dualWriteHealth());
        }
        text.shadowHealth(report.mappingHealth(), report.shadowHealth());
        if (report.fullVerification() != null) {
            text.fullVerification(report.fullVerification());
        }
        text.section("RECOMMENDATIONS");
        report.recommendations().forEach(line -> text.lines.add("  " + line));
        text.lines.add("");
        text.lines.add(DOUBLE_RULE);
        return String.join("\n", text.lines);
    }

    private void header(Meta meta) {
        lines.addAll(List.of(DOUBLE_RULE, "MIGRATION VALIDATION REPORT", DOUBLE_RULE, ""));
        lines.add("Generated: " + meta.generatedAt());
        lines.add("Execution Time: " + PythonFormat.number(meta.executionTimeSeconds()) + "s");
        lines.add("Sample Size: " + meta.sampleSize());
        lines.add("Query Count: " + meta.queryCount());
        lines.add("");
        if (meta.filters().gameId() != null || meta.filters().region() != null) {
            lines.add("Filters:");
            if (meta.filters().gameId() != null) {
                lines.add("  Game ID: " + meta.filters().gameId());
            }
            if (meta.filters().region() != null) {
                lines.add("  Region: " + meta.filters().region());
            }
            lines.add("");
        }
        lines.add("Environment Flags:");
        lines.add("  Dual-Write Enabled: " + PythonFormat.bool(meta.dualWriteEnabled()));
        lines.add("  Dual-Write Strict Mode: " + PythonFormat.bool(meta.dualWriteStrictMode()));
        lines.add("  Legacy Write Blocked: " + PythonFormat.bool(meta.legacyWriteBlocked()));
        lines.add("");
    }

    private void coverage(Coverage coverage) {
        section("COVERAGE METRICS");
        value("Legacy Teams (Active)", PythonFormat.thousands(coverage.legacyTeamCount()));
        value("vNext Teams", PythonFormat.thousands(coverage.vnextTeamCount()));
        value("Mapped Teams", PythonFormat.thousands(coverage.mappedTeamCount()));
        value("Legacy Teams with Mapping", PythonFormat.thousands(coverage.legacyTeamsWithMapping()));
        value("Unmapped Legacy Teams", PythonFormat.thousands(coverage.unmappedLegacyCount()));
        value("Mapping Coverage", PythonFormat.fixed(coverage.mappingPercentage(), 2) + "%");
        lines.add("");
    }

    private void mappingHealth(MappingHealth mapping) {
        section("MAPPING HEALTH");
        value("Total Mappings", PythonFormat.thousands(mapping.totalMappings()));
        value("Duplicate Legacy IDs", mapping.duplicateLegacyCount());
        value("Duplicate vNext IDs", mapping.duplicateVnextCount());
        value("Orphan Mappings", mapping.orphanCount());
        if (!mapping.duplicateLegacyIds().isEmpty()) {
            lines.add("  Duplicate Legacy IDs: " + first(mapping.duplicateLegacyIds(), 5));
        }
        if (!mapping.duplicateVnextIds().isEmpty()) {
            lines.add("  Duplicate vNext IDs: " + first(mapping.duplicateVnextIds(), 5));
        }
        if (!mapping.orphanMappings().isEmpty()) {
            lines.add("  Orphan Samples:");
            first(mapping.orphanMappings(), 3)
                    .forEach(orphan -> lines.add("    - Mapping ID " + orphan.mappingId() + ": " + orphan.type()));
        }
        lines.add("");
    }

    private void consistency(Consistency consistency) {
        section("CONSISTENCY CHECKS");
        value("Sampled Teams", consistency.sampledTeams());
        value("Name Mismatches", consistency.nameMismatchCount());
        value("Slug Mismatches", consistency.slugMismatchCount());
        lines.add("Membership Count Mismatches: " + consistency.membershipCountMismatchCount());
        value("Ranking Mismatches", consistency.rankingMismatchCount());
        var samples = consistency.samples();
        if (!samples.nameMismatches().isEmpty()) {
            samplesHeader("Name Mismatch Samples");
            first(samples.nameMismatches(), 3)
                    .forEach(item -> lines.add(
                            "    - Legacy: '" + item.legacyName() + "' vs vNext: '" + item.vnextName() + "'"));
        }
        if (!samples.membershipCountMismatches().isEmpty()) {
            samplesHeader("Membership Count Mismatch Samples");
            first(samples.membershipCountMismatches(), 3)
                    .forEach(item -> lines.add("    - Team " + item.vnextTeamId() + ": Legacy=" + item.legacyCount()
                            + ", vNext=" + item.vnextCount()));
        }
        if (!samples.slugMismatches().isEmpty()) {
            samplesHeader("Slug Mismatch Samples");
            first(samples.slugMismatches(), 3)
                    .forEach(item -> lines.add(
                            "    - Legacy: '" + item.legacySlug() + "' vs vNext: '" + item.vnextSlug() + "'"));
        }
        lines.add("");
    }

    private void dualWriteHealth(DualWriteHealth health) {
        section("DUAL-WRITE HEALTH");
        value("Recent vNext Teams (24h)", health.recentVnextTeams());
        value("Missing Legacy Shadow", health.missingLegacyCount());
        value("Severity", health.severity());
        if (!health.missingMappings().isEmpty()) {
            samplesHeader("Missing Mappings Samples");
            first(health.missingMappings(), 5)
                    .forEach(item -> lines.add("    - vNext Team " + item.vnextTeamId() + ": '" + item.vnextTeamName()
                            + "' (created " + item.createdAt() + ")"));
        }
        lines.add("");
    }

    private void shadowHealth(MappingHealth mapping, ShadowHealth shadow) {
        section("SHADOW HEALTH");
        value("Unverified Mappings", PythonFormat.thousands(mapping.unverifiedMappingCount()));
        value("Outbox Pending", PythonFormat.thousands(shadow.outbox().pendingCount()));
        value("Outbox Blocked", PythonFormat.thousands(shadow.outbox().blockedCount()));
        Long oldest = shadow.outbox().oldestPendingAgeSeconds();
        value("Oldest Pending Age", oldest == null ? "-" : oldest + "s");
        value(
                "Member Shadows Checked",
                PythonFormat.thousands(shadow.memberships().checkedMemberships()) + " ("
                        + PythonFormat.thousands(shadow.memberships().checkedTeams()) + " teams)");
        value(
                "Member Shadows Missing",
                PythonFormat.thousands(shadow.memberships().missingCount()));
        value(
                "Member Shadows Differing",
                PythonFormat.thousands(shadow.memberships().differingCount()));
        value(
                "Member Shadows Held Back",
                PythonFormat.thousands(shadow.memberships().heldBackCount()));
        lines.add("Legacy Writes While Blocked: "
                + PythonFormat.thousands(shadow.legacyWritesWhileBlocked().count()));
        if (shadow.legacyWriteGuard() != null && shadow.legacyWriteGuard().advisory()) {
            lines.add("Legacy Write Guard: " + shadow.legacyWriteGuard().message());
        }
        if (!shadow.outbox().blockedSamples().isEmpty()) {
            samplesHeader("Blocked Outbox Samples");
            first(shadow.outbox().blockedSamples(), 3)
                    .forEach(item -> lines.add("    - Outbox " + item.outboxId() + ": " + item.operation()
                            + " for vNext team " + item.vnextTeamId() + " (" + item.blockedReason() + ")"));
        }
        if (!shadow.memberships().samples().missing().isEmpty()) {
            samplesHeader("Missing Member Shadow Samples");
            first(shadow.memberships().samples().missing(), 3)
                    .forEach(item -> lines.add("    - Membership "
                            + item.vnextMembershipId() + ": user " + item.userId() + " on vNext team "
                            + item.vnextTeamId()
                            + " (" + item.role() + "/" + item.status() + ")"));
        }
        if (!shadow.memberships().samples().differing().isEmpty()) {
            samplesHeader("Differing Member Shadow Samples");
            first(shadow.memberships().samples().differing(), 3)
                    .forEach(item -> lines.add("    - Membership "
                            + item.vnextMembershipId() + ": legacy " + item.legacyRole() + "/" + item.legacyStatus()
                            + ", expected " + item.expectedLegacyRole() + "/" + item.expectedLegacyStatus()));
        }
        if (!shadow.memberships().samples().heldBack().isEmpty()) {
            samplesHeader("Held Back Member Shadow Samples");
            first(shadow.memberships().samples().heldBack(), 3)
                    .forEach(item -> lines.add("    - Membership " + item.vnextMembershipId() + ": user "
                            + item.userId() + " is ACTIVE in another legacy team of the game; legacy "
                            + item.legacyRole() + "/" + item.legacyStatus()));
        }
        if (!shadow.legacyWritesWhileBlocked().samples().isEmpty()) {
            samplesHeader("Latest Legacy Writes");
            first(shadow.legacyWritesWhileBlocked().samples(), 3)
                    .forEach(item -> lines.add("    - " + item.occurredAt()
                            + ": " + item.operation() + " on " + item.tableName() + " (" + item.allowedBy()
                            + (item.bypassReason() == null ? "" : ": " + item.bypassReason()) + ")"));
        }
        lines.add("");
    }

    private void fullVerification(ValidationReport.FullVerification full) {
        section("FULL VERIFICATION");
        value("Compared Pairs", PythonFormat.thousands(full.comparedPairs()));
        value(
                "Compared Memberships",
                PythonFormat.thousands(full.vnextMemberships()) + " vNext, "
                        + PythonFormat.thousands(full.legacyMemberships()) + " legacy");
        value("Drifted Pairs", PythonFormat.thousands(full.driftedPairs()));
        full.driftPairs().forEach((kind, count) -> {
            if (count > 0) {
                lines.add("  " + kind + ": " + PythonFormat.thousands(count));
            }
        });
        value("Without Profile", PythonFormat.thousands(full.membershipsWithoutProfile()));
        value("Execution Time", PythonFormat.number(full.executionTimeSeconds()) + "s");
        if (!full.samples().isEmpty()) {
            samplesHeader("Drift Samples");
            full.samples()
                    .forEach(item -> lines.add("    - " + item.kind() + ": vNext team "
                            + (item.vnextTeamId() == null ? "-" : item.vnextTeamId()) + ", legacy team "
                            + (item.legacyTeamId() == null ? "-" : item.legacyTeamId())));
        }
        lines.add("");
    }

    private void section(String title) {
        lines.addAll(List.of(RULE, title, RULE));
    }

    private void samplesHeader(String title) {
        lines.add("");
        lines.add("  " + title + ":");
    }

    private void value(String label, Object value) {
        lines.add(String.format("%-27s%s", label + ":", value));
    }

    private static <T> List<T> first(List<T> items, int count) {
        return items.subList(0, Math.min(count, items.size()));
    }
}
