package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.Coverage;
import gg.deltacrown.validation.ValidationReport.DualWriteHealth;
import gg.deltacrown.validation.ValidationReport.MappingHealth;
import gg.deltacrown.validation.ValidationReport.ShadowHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's recommendation lines. Rules 1 to 8 and their strings are the original's (docs/adr/0010),
 * unchanged and in the original order; the lines for what the original could not see follow them;
 * the "all passed" line closes a report with no problem line (the original could never print it).
 */
public final class Recommendations {

    public static final String CRITICAL = "\uD83D\uDD34 CRITICAL";
    public static final String WARNING = "\u26A0\uFE0F WARNING";
    public static final String INFO = "\u2139\uFE0F INFO";
    public static final String OK = "\u2705";

    /** Pending outbox entries older than this mean the dispatcher is not keeping up (the retry backoff cap). */
    static final long STALE_PENDING_SECONDS = 300;

    private Recommendations() {}

    static List<String> of(
            Coverage coverage,
            MappingHealth mapping,
            Consistency consistency,
            DualWriteHealth dualWrite,
            ShadowHealth shadow) {
        List<String> lines = new ArrayList<>();
        if (coverage.mappingPercentage() < 100) {
            lines.add(CRITICAL + ": " + coverage.unmappedLegacyCount() + " legacy teams unmapped ("
                    + PythonFormat.fixed(100 - coverage.mappingPercentage(), 1) + "% missing). Run migration scripts"
                    + " to achieve 100% coverage before Phase 6.");
        } else if (coverage.mappingPercentage() == 100) {
            lines.add(OK + " Coverage: 100% of legacy teams are mapped to vNext.");
        }
        if (mapping.duplicateLegacyCount() > 0) {
            lines.add(CRITICAL + ": " + mapping.duplicateLegacyCount() + " duplicate legacy_team_id entries in"
                    + " TeamMigrationMap. Clean up duplicates immediately.");
        }
        if (mapping.duplicateVnextCount() > 0) {
            lines.add(CRITICAL + ": " + mapping.duplicateVnextCount() + " duplicate vnext_team_id entries in"
                    + " TeamMigrationMap. Clean up duplicates immediately.");
        }
        if (mapping.orphanCount() > 0) {
            lines.add(WARNING + ": " + mapping.orphanCount() + " orphan mappings point to missing teams. Investigate"
                    + " and clean up orphan records.");
        }
        if (consistency.nameMismatchCount() > 0) {
            lines.add(WARNING + ": " + consistency.nameMismatchCount() + " teams have name mismatches. Review and sync"
                    + " team names.");
        }
        if (consistency.membershipCountMismatchCount() > 0) {
            lines.add(WARNING + ": " + consistency.membershipCountMismatchCount() + " teams have membership count"
                    + " mismatches. Re-run membership migration or check dual-write sync.");
        }
        if (consistency.rankingMismatchCount() > 0) {
            lines.add(INFO + ": " + consistency.rankingMismatchCount() + " teams have ranking presence mismatches."
                    + " Verify ranking migration completed successfully.");
        }
        if (dualWrite != null && dualWrite.missingLegacyCount() > 0) {
            lines.add(
                    ("ERROR".equals(dualWrite.severity()) ? CRITICAL : WARNING) + ": " + dualWrite.missingLegacyCount()
                            + " recent vNext teams missing legacy shadow rows. Dual-write sync may be failing. Check logs and"
                            + " re-run sync.");
        }
        lines.addAll(beyondTheOriginal(mapping, consistency, shadow));
        if (lines.stream().allMatch(line -> line.startsWith(OK))) {
            lines.add(OK + " All validation checks passed. Migration data is healthy and ready for Phase 6.");
        }
        return lines;
    }

    private static List<String> beyondTheOriginal(MappingHealth mapping, Consistency consistency, ShadowHealth shadow) {
        List<String> lines = new ArrayList<>();
        if (consistency.slugMismatchCount() > 0) {
            lines.add(WARNING + ": " + consistency.slugMismatchCount() + " teams have slug mismatches. Review and sync"
                    + " team slugs.");
        }
        if (shadow.outbox().blockedCount() > 0) {
            lines.add(CRITICAL + ": " + shadow.outbox().blockedCount() + " dual-write outbox entries are BLOCKED."
                    + " Their legacy shadows stay stale until an operator retries or unblocks them.");
        }
        Long oldest = shadow.outbox().oldestPendingAgeSeconds();
        if (oldest != null && oldest > STALE_PENDING_SECONDS) {
            lines.add(WARNING + ": " + shadow.outbox().pendingCount() + " dual-write outbox entries pending, the oldest"
                    + " for " + oldest + "s. Check that the dual-write dispatcher is running.");
        }
        if (shadow.memberships().missingCount() > 0) {
            lines.add(WARNING + ": " + shadow.memberships().missingCount() + " vNext memberships have no legacy shadow"
                    + " row. Check dual-write sync and re-run the membership sync.");
        }
        if (shadow.memberships().differingCount() > 0) {
            lines.add(WARNING + ": " + shadow.memberships().differingCount() + " legacy membership shadows differ from"
                    + " vNext (role or status). Re-run the membership sync.");
        }
        if (shadow.memberships().heldBackCount() > 0) {
            lines.add(INFO + ": " + shadow.memberships().heldBackCount() + " vNext members are ACTIVE in two teams of"
                    + " one game; the legacy app allows one, so their second legacy membership is kept PENDING.");
        }
        if (shadow.legacyWritesWhileBlocked().count() > 0) {
            lines.add(WARNING + ": " + shadow.legacyWritesWhileBlocked().count() + " legacy writes got through while"
                    + " legacy write blocking was on. Review organizations_legacy_write_audit.");
        }
        if (mapping.unverifiedMappingCount() > 0) {
            lines.add(INFO + ": " + mapping.unverifiedMappingCount() + " mappings are not verified. Re-sync their"
                    + " legacy shadows to verify them.");
        }
        return lines;
    }

    /**
     * The recommendations with the full verification's line: drift found means the report has not
     * passed, whatever the sample said.
     */
    static List<String> withFull(List<String> lines, ValidationReport.FullVerification full) {
        if (full == null || full.driftedPairs() == 0) {
            return lines;
        }
        List<String> withFull = new ArrayList<>(lines);
        withFull.removeIf(line -> line.startsWith(OK + " All validation checks passed"));
        withFull.add(WARNING + ": " + full.driftedPairs() + " mapped teams differ from their vNext source (full"
                + " verification). Write their ids with --output-ids FILE and run repair --ids FILE.");
        return withFull;
    }
}
