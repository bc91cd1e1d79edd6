package gg.deltacrown.migration.backfill;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as one {@code backfill_batch} log event per batch, for a run without a terminal. */
public final class LoggedProgress implements BackfillProgress {

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);

    private Long runId;

    @Override
    public void started(long teams, BackfillSummary.Run run) {
        runId = run.id();
        log.atInfo()
                .addKeyValue("event_type", "backfill_started")
                .addKeyValue("run_id", runId)
                .addKeyValue("resumed_after_legacy_team_id", run.resumedAfter())
                .addKeyValue("teams", teams)
                .log("Backfill of {} legacy teams started", teams);
    }

    @Override
    public void batch(BatchResult batch, long teamsDone, long teamsTotal, double elapsedSeconds) {
        double rate = teamsDone / Math.max(elapsedSeconds, 1e-3);
        long eta = rate <= 0 ? 0 : Math.round((teamsTotal - teamsDone) / rate);
        log.atInfo()
                .addKeyValue("event_type", "backfill_batch")
                .addKeyValue("run_id", runId)
                .addKeyValue("last_legacy_team_id", batch.lastLegacyTeamId())
                .addKeyValue("teams", batch.teams())
                .addKeyValue("created", batch.created())
                .addKeyValue("memberships", batch.memberships())
                .addKeyValue("synced", batch.synced())
                .addKeyValue("skipped", batch.teams() - batch.created())
                .addKeyValue(
                        "conflicts",
                        batch.conflicts().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .addKeyValue("done", teamsDone)
                .addKeyValue("total", teamsTotal)
                .addKeyValue("teams_per_second", Math.round(rate))
                .addKeyValue("eta_seconds", eta)
                .log("Backfill: {} of {} legacy teams", teamsDone, teamsTotal);
    }
}
