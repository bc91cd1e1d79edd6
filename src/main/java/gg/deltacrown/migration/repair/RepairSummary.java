package gg.deltacrown.migration.repair;

import java.util.List;
import java.util.Map;

/**
 * What a repair found, did, and found again afterwards on the teams it repaired.
 *
 * @param source {@code drift} (what it found itself), {@code team} or {@code ids}
 * @param before drifted items by kind before the repair
 * @param notRepairable items nothing in vNext can fix, by kind (an orphan map row, a legacy-only ranking)
 * @param unusableLines lines of an ids file that were skipped (the first ones)
 * @param unusableLineCount all of them
 * @param teams vNext teams synced (or, in a dry run, that would be)
 * @param verified of those, whose shadow the sync's read-back verified
 * @param missingTeams vNext team ids that do not exist
 * @param outboxCompleted BLOCKED outbox rows the sync made obsolete (now DONE)
 * @param outboxStillBlocked BLOCKED outbox rows whose reason still holds
 * @param after drifted items by kind on the same teams after the repair (empty in a dry run)
 * @param remaining the first items still drifting after the repair, with the map row's notes
 */
public record RepairSummary(
        String source,
        boolean dryRun,
        Map<String, Long> before,
        Map<String, Long> notRepairable,
        List<DriftIds.Unusable> unusableLines,
        long unusableLineCount,
        long teams,
        long verified,
        List<Long> missingTeams,
        long outboxCompleted,
        long outboxStillBlocked,
        Map<String, Long> after,
        List<Remaining> remaining,
        long batches,
        double elapsedSeconds) {

    /** A drifted item left after the repair and what the shadow writer noted about its pair. */
    public record Remaining(DriftItem item, String notes) {}

    public long beforeTotal() {
        return before.values().stream().mapToLong(Long::longValue).sum();
    }

    public long afterTotal() {
        return after.values().stream().mapToLong(Long::longValue).sum();
    }
}
