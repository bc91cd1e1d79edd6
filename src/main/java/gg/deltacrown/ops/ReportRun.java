package gg.deltacrown.ops;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The numbers the dashboard shows from a stored validation report run (the report's own keys, see
 * {@link ReportRuns}).
 */
public record ReportRun(
        long id,
        OffsetDateTime generatedAt,
        String requestedBy,
        boolean hasErrors,
        double executionTimeSeconds,
        Coverage coverage,
        MappingHealth mappingHealth,
        Drift drift,
        List<String> recommendations) {

    public record Coverage(long legacyTeams, long vnextTeams, long mapped, long unmapped, double mappedPercentage) {}

    public record MappingHealth(
            long totalMappings, long duplicateLegacy, long duplicateVnext, long orphans, long unverified) {}

    /**
     * Drift the report saw: in its consistency sample, among membership shadows, missing shadows
     * (only when dual-write was on), and legacy writes made while blocking was on.
     */
    public record Drift(
            long sampledTeams,
            long nameMismatches,
            long slugMismatches,
            long membershipCountMismatches,
            long rankingMismatches,
            long missingMembershipShadows,
            long differingMembershipShadows,
            long missingTeamShadows,
            long legacyWritesWhileBlocked) {

        public long total() {
            return nameMismatches
                    + slugMismatches
                    + membershipCountMismatches
                    + rankingMismatches
                    + missingMembershipShadows
                    + differingMembershipShadows
                    + missingTeamShadows
                    + legacyWritesWhileBlocked;
        }
    }
}
