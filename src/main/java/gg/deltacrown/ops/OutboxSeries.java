package gg.deltacrown.ops;

import java.util.List;

/**
 * The dual-write over a window, one value per minute (columns, as charting libraries take them):
 * {@code minutes} are the buckets' start times in epoch seconds, oldest first; the current minute is
 * the last bucket.
 *
 * @param backlog outbox rows created and not yet completed (pending or blocked) at the end of the minute
 * @param created outbox rows created in the minute
 * @param completed rows completed (legacy shadow written and verified) in the minute
 * @param failed failed dispatch attempts in the minute (retried later, or the row was blocked)
 * @param lagP50Ms median shadow lag (created to completed) of the rows completed in the minute; null when none
 * @param lagP99Ms 99th percentile of the same
 * @param flagChanges flag changes in the window, oldest first (markers on the charts)
 */
public record OutboxSeries(
        DashboardWindow window,
        List<Long> minutes,
        List<Long> backlog,
        List<Long> created,
        List<Long> completed,
        List<Long> failed,
        List<Double> lagP50Ms,
        List<Double> lagP99Ms,
        List<FlagMarker> flagChanges) {

    public static final int BUCKET_SECONDS = 60;

    /** A flag change: when (epoch seconds), which flag, from what to what, by whom. */
    public record FlagMarker(long at, String name, String oldValue, String newValue, String source, String changedBy) {}
}
