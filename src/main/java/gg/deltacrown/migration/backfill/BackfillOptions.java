package gg.deltacrown.migration.backfill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backfill run covers.
 *
 * @param dryRun classify and count, write nothing
 * @param legacyGame only legacy teams of this {@code teams_team.game}, or null for all
 * @param region only legacy teams of this region, or null for all
 * @param limit at most this many legacy teams in the run (skipped ones included), or null
 * @param batchSize legacy teams per transaction
 * @param workers batches in flight at once, each on its own connection (a crash redoes at most that
 *     many batches; with more than one, two conflicting teams of batches in flight together are
 *     resolved in commit order rather than legacy id order)
 */
public record BackfillOptions(
        boolean dryRun, String legacyGame, String region, Long limit, int batchSize, int workers) {

    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final int MAX_BATCH_SIZE = 100_000;
    public static final int MAX_WORKERS = 4;

    /** One worker, the default. */
    public BackfillOptions(boolean dryRun, String legacyGame, String region, Long limit, int batchSize) {
        this(dryRun, legacyGame, region, limit, batchSize, 1);
    }

    /** Everything wrong with the options, in the words of the command's flags; empty when fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add("--batch-size must be between 1 and " + MAX_BATCH_SIZE);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            problems.add("--workers must be between 1 and " + MAX_WORKERS);
        }
        if (limit != null && limit < 1) {
            problems.add("--limit must be at least 1");
        }
        return problems;
    }

    /** The filters, as stored with a run (a run is resumed only by a run with the same filters). */
    Map<String, Object> filters() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("game", legacyGame);
        filters.put("region", region);
        filters.put("limit", limit);
        return filters;
    }
}
