package gg.deltacrown.migration.backfill;

import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.ShadowResult;
import gg.deltacrown.migration.ShadowResync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch, inside the caller's transaction: the next unmapped legacy teams after a cursor become
 * vNext teams with their rosters, rankings and map rows, with a fixed number of set-based statements
 * whatever the batch size ({@link BackfillStatements}). Pairs whose legacy rows are not already what
 * the shadow writer would write for the new team (a slug that had to change, a role vNext does not
 * have, a promoted owner) are then brought there by the dispatcher's own sync ({@link ShadowResync})
 * and verified by its read-back. In a dry run the same plan is made and counted, nothing is written.
 */
@Component
class BackfillBatch {

    /** The bypass reason of the legacy writes the sync makes for a backfill (the dispatcher's kind of write). */
    static final LegacyWriteReason BYPASS_REASON = LegacyWriteReason.BACKFILL;

    private final JdbcClient jdbc;
    private final SlugResolver slugs;
    private final ShadowResync resync;
    private final BackfillRuns runs;

    BackfillBatch(JdbcClient jdbc, SlugResolver slugs, ShadowResync resync, BackfillRuns runs) {
        this.jdbc = jdbc;
        this.slugs = slugs;
        this.resync = resync;
        this.runs = runs;
    }

    /**
     * @param after the batch takes teams with a greater id
     * @param upTo and at most this id
     * @param runId the run to record the batch in; null for a dry run (nothing is written)
     * @param moveCursor whether the batch moves the run's cursor (one worker: exactly, in its own
     *     transaction); with several workers the caller moves it past completed batches only
     */
    @Transactional(propagation = Propagation.MANDATORY)
    BatchResult run(long after, long upTo, long limit, BackfillOptions options, Long runId, boolean moveCursor) {
        boolean write = runId != null;
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        int teams = jdbc.sql(BackfillStatements.CANDIDATES)
                .param("after", after)
                .param("upTo", upTo)
                .param("game", options.legacyGame())
                .param("region", options.region())
                .param("limit", limit)
                .update();
        if (teams == 0) {
            return empty();
        }
        jdbc.sql(BackfillStatements.MEMBERS).update();
        jdbc.sql(BackfillStatements.PLAN).param("write", write).update();
        resolveSlugs();
        long organizationsToCreate = organizations(write);
        Counts counts =
                jdbc.sql(BackfillStatements.COUNTS).query(BackfillBatch::counts).single();
        if (!write) {
            List<Conflict> conflicts = jdbc.sql(BackfillStatements.SELECT_CONFLICTS)
                    .query(BackfillBatch::conflict)
                    .list();
            return result(counts, organizationsToCreate, 0, 0, conflicts, 0);
        }
        long rows = jdbc.sql(BackfillStatements.INSERT_TEAMS).update();
        rows += jdbc.sql(BackfillStatements.INSERT_MEMBERSHIPS).update();
        rows += jdbc.sql(BackfillStatements.INSERT_RANKINGS).update();
        rows += jdbc.sql(BackfillStatements.INSERT_MAP_ROWS).update();
        rows += 3 * organizationsToCreate;
        List<Long> toSync =
                jdbc.sql(BackfillStatements.TO_SYNC).query(Long.class).list();
        // Everything that reads the batch's temporary tables comes before the sync (see NOTES_OF).
        List<Conflict> conflicts = jdbc.sql(BackfillStatements.STORE_CONFLICTS)
                .param("run", runId)
                .query(BackfillBatch::conflict)
                .list();
        long syncedVerified = 0;
        if (!toSync.isEmpty()) {
            Map<Long, String> notes = new LinkedHashMap<>();
            jdbc.sql(BackfillStatements.NOTES_OF)
                    .param("ids", toSync.toArray(Long[]::new))
                    .query((rs, row) -> notes.put(rs.getLong("vnext_team_id"), rs.getString("notes")))
                    .list();
            ShadowResync.Outcome outcome = resync.resync(toSync, BYPASS_REASON, "backfill");
            syncedVerified = outcome.results().values().stream()
                    .filter(ShadowResult::verified)
                    .count();
            jdbc.sql(BackfillStatements.PREFIX_NOTES)
                    .param("ids", notes.keySet().toArray(Long[]::new))
                    .param("notes", notes.values().toArray(String[]::new))
                    .update();
        }
        BatchResult result = result(counts, organizationsToCreate, toSync.size(), syncedVerified, conflicts, rows);
        // Django creates its foreign keys DEFERRABLE INITIALLY DEFERRED, so the batch's 55,000 or so
        // checks would run at COMMIT, after the run row below is locked: with several workers each
        // batch's checks then waited for the other's (bench/RESULTS.md, backfill). Checked here, with
        // the cached plans of the checks: under force_custom_plan each check is planned again, which
        // made them three times as slow (760 ms a batch of 5,000 teams instead of ~270).
        jdbc.sql("SET LOCAL plan_cache_mode TO DEFAULT").update();
        jdbc.sql("SET CONSTRAINTS ALL IMMEDIATE").update();
        runs.advance(runId, result, moveCursor);
        return result;
    }

    private void resolveSlugs() {
        List<SlugResolver.Conflict> conflicts = jdbc.sql(BackfillStatements.SLUG_CONFLICTS)
                .query((rs, row) -> new SlugResolver.Conflict(
                        rs.getLong("legacy_team_id"),
                        rs.getString("name"),
                        rs.getString("legacy_slug"),
                        rs.getString("legacy_game")))
                .list();
        if (conflicts.isEmpty()) {
            return;
        }
        Map<Long, String> chosen = slugs.resolve(conflicts);
        jdbc.sql(BackfillStatements.SET_SLUGS)
                .param("ids", chosen.keySet().toArray(Long[]::new))
                .param("slugs", chosen.values().toArray(String[]::new))
                .update();
    }

    /** Puts the teams of conflicting owners into organisations; returns how many are (or would be) created. */
    private long organizations(boolean write) {
        if (!write) {
            jdbc.sql(BackfillStatements.USE_OWNER_ORGANIZATIONS).update();
            return jdbc.sql(BackfillStatements.ORGANIZATIONS_TO_CREATE)
                    .query(Long.class)
                    .single();
        }
        jdbc.sql(BackfillStatements.LOCK_ORGANIZATION_OWNERS).query(Long.class).single();
        jdbc.sql(BackfillStatements.USE_OWNER_ORGANIZATIONS).update();
        jdbc.sql(BackfillStatements.CREATE_OWNER_ORGANIZATIONS).update();
        jdbc.sql(BackfillStatements.SKIP_WITHOUT_ORGANIZATION).update();
        return jdbc.sql("SELECT count(DISTINCT organization_id) FROM backfill_plan WHERE organization_created")
                .query(Long.class)
                .single();
    }

    private record Counts(
            long teams,
            Long lastLegacyTeamId,
            long created,
            long memberships,
            long verified,
            long toSync,
            long skippedNoOwner,
            long skippedNoOrganization,
            long rankings) {}

    private static Counts counts(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Counts(
                rs.getLong("teams"),
                rs.getObject("last_legacy_team_id", Long.class),
                rs.getLong("created"),
                rs.getLong("memberships"),
                rs.getLong("verified"),
                rs.getLong("to_sync"),
                rs.getLong("skipped_no_owner"),
                rs.getLong("skipped_no_organization"),
                rs.getLong("rankings"));
    }

    private static Conflict conflict(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Conflict(
                rs.getLong("legacy_team_id"),
                rs.getObject("vnext_team_id", Long.class),
                rs.getString("kind"),
                rs.getString("detail"),
                rs.getString("resolution"));
    }

    private static BatchResult result(
            Counts counts, long organizations, long synced, long syncedVerified, List<Conflict> conflicts, long rows) {
        Map<String, Long> skipped = new TreeMap<>();
        if (counts.skippedNoOwner() > 0) {
            skipped.put("no_owner", counts.skippedNoOwner());
        }
        if (counts.skippedNoOrganization() > 0) {
            skipped.put("organization_unavailable", counts.skippedNoOrganization());
        }
        Map<String, Long> byKind = new HashMap<>();
        conflicts.forEach(conflict -> byKind.merge(conflict.kind(), 1L, Long::sum));
        List<Conflict> first = new ArrayList<>(conflicts.subList(0, Math.min(conflicts.size(), BatchResult.KEPT)));
        return new BatchResult(
                counts.teams(),
                counts.lastLegacyTeamId(),
                counts.created(),
                counts.memberships(),
                counts.rankings(),
                organizations,
                counts.verified(),
                synced == 0 ? counts.toSync() : synced,
                syncedVerified,
                skipped,
                byKind,
                first,
                rows);
    }

    private static BatchResult empty() {
        return new BatchResult(0, null, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(), 0);
    }
}
