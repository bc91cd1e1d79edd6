package gg.deltacrown.migration.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch did.
 *
 * @param teams legacy teams the batch considered (created + skipped)
 * @param lastLegacyTeamId the cursor after the batch (null: nothing was left)
 * @param created vNext teams created, each with its roster and map row
 * @param verified map rows verified without a legacy write (legacy already was the shadow)
 * @param synced teams whose legacy rows the shadow writer wrote, then verified by reading back
 * @param syncedVerified of those, how many the read-back verified
 * @param skipped legacy teams left unmapped, by reason
 * @param conflicts by kind
 * @param firstConflicts the batch's conflicts, at most {@link #KEPT}
 * @param rowsWritten rows inserted or updated (vNext, map, organisations, legacy rows the sync wrote)
 */
public record BatchResult(
        long teams,
        Long lastLegacyTeamId,
        long created,
        long memberships,
        long rankings,
        long organizations,
        long verified,
        long synced,
        long syncedVerified,
        Map<String, Long> skipped,
        Map<String, Long> conflicts,
        List<Conflict> firstConflicts,
        long rowsWritten) {

    public static final int KEPT = 20;

    /** A team that failed alone and was skipped. */
    static BatchResult failed(long legacyTeamId, String error) {
        return new BatchResult(
                1,
                legacyTeamId,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of("failed", 1L),
                Map.of("failed", 1L),
                List.of(new Conflict(legacyTeamId, null, "failed", error, "skipped; the next run tries it again")),
                0);
    }

    /** Two batches that ran one after the other (the halves of a split batch). */
    static BatchResult merge(BatchResult a, BatchResult b) {
        List<Conflict> first = new ArrayList<>(a.firstConflicts());
        b.firstConflicts().stream().limit(Math.max(0, KEPT - first.size())).forEach(first::add);
        return new BatchResult(
                a.teams() + b.teams(),
                b.teams() > 0 ? b.lastLegacyTeamId() : a.lastLegacyTeamId(),
                a.created() + b.created(),
                a.memberships() + b.memberships(),
                a.rankings() + b.rankings(),
                a.organizations() + b.organizations(),
                a.verified() + b.verified(),
                a.synced() + b.synced(),
                a.syncedVerified() + b.syncedVerified(),
                sum(a.skipped(), b.skipped()),
                sum(a.conflicts(), b.conflicts()),
                first,
                a.rowsWritten() + b.rowsWritten());
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Long::sum));
        return sum;
    }
}
