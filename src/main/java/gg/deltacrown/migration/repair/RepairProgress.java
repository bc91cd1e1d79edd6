package gg.deltacrown.migration.repair;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Told how far a repair is, in vNext teams. */
public interface RepairProgress {

    void started(long teams);

    void batch(long teamsDone, long teamsTotal, double elapsedSeconds);

    RepairProgress NONE = new RepairProgress() {
        @Override
        public void started(long teams) {}

        @Override
        public void batch(long teamsDone, long teamsTotal, double elapsedSeconds) {}
    };

    /** One {@code repair_batch} log event per batch, for a run without a terminal. */
    RepairProgress LOGGED = new RepairProgress() {
        private static final Logger log = LoggerFactory.getLogger(Repair.class);

        @Override
        public void started(long teams) {
            log.atInfo()
                    .addKeyValue("event_type", "repair_started")
                    .addKeyValue("teams", teams)
                    .log("Repair of {} vNext teams started", teams);
        }

        @Override
        public void batch(long teamsDone, long teamsTotal, double elapsedSeconds) {
            double rate = teamsDone / Math.max(elapsedSeconds, 1e-3);
            log.atInfo()
                    .addKeyValue("event_type", "repair_batch")
                    .addKeyValue("done", teamsDone)
                    .addKeyValue("total", teamsTotal)
                    .addKeyValue("teams_per_second", Math.round(rate))
                    .addKeyValue("eta_seconds", Math.round((teamsTotal - teamsDone) / Math.max(rate, 1e-3)))
                    .log("Repair: {} of {} vNext teams", teamsDone, teamsTotal);
        }
    };
}
