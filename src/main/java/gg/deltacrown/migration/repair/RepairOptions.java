package gg.deltacrown.migration.repair;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a repair covers: every drifted pair it finds (neither {@code teamId} nor {@code idsFile}),
 * one vNext team (also the way to replay a completed sync), or the teams of a drift ids file.
 *
 * @param batchSize vNext teams per transaction
 */
public record RepairOptions(boolean dryRun, Long teamId, Path idsFile, int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 5000;

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
        return problems;
    }
}
