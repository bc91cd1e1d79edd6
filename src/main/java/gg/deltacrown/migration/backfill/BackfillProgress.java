package gg.deltacrown.migration.backfill;

/** Told how far a backfill is (the CLI draws a progress bar on a terminal, logs a line per batch otherwise). */
public interface BackfillProgress {

    /** The run starts; {@code teams} legacy teams are left to consider. */
    void started(long teams, BackfillSummary.Run run);

    /** A batch committed (or, in a dry run, was classified). */
    void batch(BatchResult batch, long teamsDone, long teamsTotal, double elapsedSeconds);

    BackfillProgress NONE = new BackfillProgress() {
        @Override
        public void started(long teams, BackfillSummary.Run run) {}

        @Override
        public void batch(BatchResult batch, long teamsDone, long teamsTotal, double elapsedSeconds) {}
    };
}
