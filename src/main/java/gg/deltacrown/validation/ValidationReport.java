package gg.deltacrown.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The migration validation report (docs/adr/0010), as the JSON document operators and scripts
 * read: the six sections of the original, keys in the original order, then what this service adds
 * (new keys are only ever appended: at the end of a section, or as the new {@code shadow_health}
 * section after {@code recommendations}). Names become snake_case in JSON ({@link ReportJson}).
 */
public record ValidationReport(
        Meta meta,
        Coverage coverage,
        MappingHealth mappingHealth,
        Consistency consistency,
        DualWriteHealth dualWriteHealth,
        List<String> recommendations,
        ShadowHealth shadowHealth,
        @JsonInclude(JsonInclude.Include.NON_NULL) FullVerification fullVerification) {

    /** A report without the full verification (the default; its JSON has no such key). */
    public ValidationReport(
            Meta meta,
            Coverage coverage,
            MappingHealth mappingHealth,
            Consistency consistency,
            DualWriteHealth dualWriteHealth,
            List<String> recommendations,
            ShadowHealth shadowHealth) {
        this(meta, coverage, mappingHealth, consistency, dualWriteHealth, recommendations, shadowHealth, null);
    }

    /** {@code --fail-on-errors}: true exactly when a recommendation is {@link Recommendations#CRITICAL}. */
    public boolean hasErrors() {
        return recommendations.stream().anyMatch(line -> line.startsWith(Recommendations.CRITICAL));
    }

    /** {@code execution_time_seconds} is added last, as in the original; {@code query_count} is new. */
    public record Meta(
            String generatedAt,
            int sampleSize,
            Filters filters,
            boolean dualWriteEnabled,
            boolean dualWriteStrictMode,
            boolean legacyWriteBlocked,
            double executionTimeSeconds,
            int queryCount) {}

    public record Filters(Integer gameId, String region) {}

    public record Coverage(
            long legacyTeamCount,
            long vnextTeamCount,
            long mappedTeamCount,
            long legacyTeamsWithMapping,
            long unmappedLegacyCount,
            double mappingPercentage) {}

    /** Lists hold at most {@link ReportQueries#LIST_LIMIT} entries; the counts are complete. */
    public record MappingHealth(
            long totalMappings,
            List<Long> duplicateLegacyIds,
            long duplicateLegacyCount,
            List<Long> duplicateVnextIds,
            long duplicateVnextCount,
            List<OrphanMapping> orphanMappings,
            long orphanCount,
            long unverifiedMappingCount) {}

    public record OrphanMapping(long mappingId, String type, long legacyTeamId, long vnextTeamId) {}

    public record Consistency(
            int sampledTeams,
            int nameMismatchCount,
            int slugMismatchCount,
            int membershipCountMismatchCount,
            int rankingMismatchCount,
            Samples samples) {}

    public record Samples(
            List<NameMismatch> nameMismatches,
            List<SlugMismatch> slugMismatches,
            List<MembershipCountMismatch> membershipCountMismatches,
            List<RankingMismatch> rankingMismatches) {}

    public record NameMismatch(
            long mappingId, long legacyTeamId, long vnextTeamId, String legacyName, String vnextName) {}

    public record SlugMismatch(
            long mappingId, long legacyTeamId, long vnextTeamId, String legacySlug, String vnextSlug) {}

    public record MembershipCountMismatch(
            long mappingId, long legacyTeamId, long vnextTeamId, long legacyCount, long vnextCount, long difference) {}

    public record RankingMismatch(
            long mappingId, long legacyTeamId, long vnextTeamId, boolean legacyHasRanking, boolean vnextHasRanking) {}

    /** {@code severity} is {@code OK} when nothing is missing (the original said WARNING or ERROR regardless). */
    public record DualWriteHealth(
            long recentVnextTeams, long missingLegacyCount, List<MissingShadow> missingMappings, String severity) {}

    /** {@code reason}: {@code missing_mapping} (no map row) or {@code missing_legacy_team} (map row, no legacy row). */
    public record MissingShadow(
            long vnextTeamId, String vnextTeamName, String vnextTeamSlug, String createdAt, String reason) {}

    public record ShadowHealth(
            OutboxHealth outbox,
            MembershipShadows memberships,
            LegacyWrites legacyWritesWhileBlocked,
            WriteGuard legacyWriteGuard) {}

    /**
     * The database's legacy write guard as the service's role sees it: {@code mode} is
     * {@code enforced}, or {@code advisory} when that role could disable it (the reasons say why).
     */
    public record WriteGuard(boolean blocking, String mode, String message, List<String> advisoryReasons) {

        public boolean advisory() {
            return "advisory".equals(mode);
        }
    }

    public record OutboxHealth(
            long pendingCount, long blockedCount, Long oldestPendingAgeSeconds, List<BlockedEntry> blockedSamples) {}

    public record BlockedEntry(
            long outboxId,
            String operation,
            long vnextTeamId,
            Long vnextMembershipId,
            int attempts,
            String blockedReason,
            String lastError) {}

    /**
     * The membership shadows of the checked teams: the consistency sample and the teams the
     * dual-write worked on lately (see {@link ShadowQueries#MEMBERSHIP_SHADOWS}). {@code heldBackCount}:
     * ACTIVE vNext members whose shadow is kept PENDING because they are ACTIVE in another legacy
     * team of the same game (the legacy app allows one; docs/adr/0023), not counted as differing.
     */
    public record MembershipShadows(
            long checkedTeams,
            long checkedMemberships,
            long missingCount,
            long differingCount,
            long heldBackCount,
            MembershipShadowSamples samples) {}

    public record MembershipShadowSamples(
            List<MembershipShadow> missing, List<MembershipShadow> differing, List<MembershipShadow> heldBack) {}

    /** A vNext membership and its legacy shadow ({@code legacy_*} null when the shadow is missing). */
    public record MembershipShadow(
            long vnextMembershipId,
            long vnextTeamId,
            long legacyTeamId,
            long userId,
            String role,
            String status,
            String expectedLegacyRole,
            String expectedLegacyStatus,
            Long legacyMembershipId,
            String legacyRole,
            String legacyStatus) {}

    public record LegacyWrites(long count, List<LegacyWrite> samples) {}

    public record LegacyWrite(
            String occurredAt,
            String tableName,
            String operation,
            String allowedBy,
            String bypassReason,
            String dbUser) {}

    /**
     * The full verification ({@code --full}, docs/adr/0026-full-verification.md): every mapped pair,
     * every membership and the rankings compared with what the shadow writer would write. Counts
     * are exact; {@code driftPairs} has every kind (pairs with that kind of drift),
     * {@code driftMemberships} the memberships per membership kind; {@code samples} are the first
     * {@code sampleLimit} items by vNext team id.
     */
    public record FullVerification(
            long comparedPairs,
            long vnextTeams,
            long legacyTeams,
            long vnextMemberships,
            long legacyMemberships,
            long driftedPairs,
            Map<String, Long> driftPairs,
            Map<String, Long> driftMemberships,
            long membershipsWithoutProfile,
            List<DriftSample> samples,
            int sampleLimit,
            long differingChunks,
            long drilledTeams,
            int queryCount,
            double executionTimeSeconds) {}

    public record DriftSample(String kind, Long vnextTeamId, Long legacyTeamId) {}
}
