package gg.deltacrown.migration.repair;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a repair covers: every drifted pair it finds (neither {@code teamId} nor {@code idsFile}),
 * one vNext team (also the way to replay a completed sync), or the teams of a drift ids file.
 *
 * @param batchSize vNext teams per transaction
 * @param workers batches in flight at once, each a transaction on a connection of its own
 */
public record RepairOptions(boolean dryRun, Long teamId, Path idsFile, int batchSize, int workers) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 5000;
    public static final int MAX_WORKERS = 4;

    /** One worker, the default. */
    public RepairOptions(boolean dryRun, Long teamId, Path idsFile, int batchSize) {
        this(dryRun, teamId, idsFile, batchSize, 1);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (teamId != null && idsFile != null) {
            problems.add("--team-id and --ids cannot be used together");
        }
        if (teamId != null && teamId < 1) {
            problems.add("--team-id must be a vNext team id (1 or more)");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add("--batch-size must be between 1 and " + MAX_BATCH_SIZE);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            problems.add("--workers must be between 1 and " + MAX_WORKERS);
        }
        return problems;
    }
}
