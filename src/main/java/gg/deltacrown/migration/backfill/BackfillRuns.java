package gg.deltacrown.migration.backfill;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code organizations_backfill_run} and {@code organizations_backfill_conflict}: the progress of a
 * run, advanced by every batch in the batch's own transaction, so a run killed at any point can be
 * taken over exactly where its last committed batch left it.
 */
@Repository
class BackfillRuns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String UNFINISHED = """
            SELECT id, options ->> 'filters' AS filters, last_legacy_team_id, teams_created + teams_skipped AS teams
              FROM organizations_backfill_run
             WHERE status = 'RUNNING'
             ORDER BY id DESC
             LIMIT 1
            """;

    private static final String START = """
            INSERT INTO organizations_backfill_run (options) VALUES (CAST(:options AS jsonb)) RETURNING id
            """;

    private static final String RESUME = """
            UPDATE organizations_backfill_run SET resumes = resumes + 1, updated_at = now() WHERE id = :id
            """;

    private static final String ADVANCE = """
            UPDATE organizations_backfill_run
               SET last_legacy_team_id = CASE WHEN :moveCursor THEN greatest(last_legacy_team_id, :last)
                                              ELSE last_legacy_team_id END,
                   batches = batches + 1,
                   teams_created = teams_created + :created, memberships_created = memberships_created + :memberships,
                   rows_written = rows_written + :rows, teams_skipped = teams_skipped + :skipped,
                   conflicts = conflicts + :conflicts, updated_at = now()
             WHERE id = :id
            """;

    private static final String CURSOR = """
            UPDATE organizations_backfill_run SET last_legacy_team_id = greatest(last_legacy_team_id, :last),
                   updated_at = now()
             WHERE id = :id
            """;

    private static final String FINISH = """
            UPDATE organizations_backfill_run
               SET status = :status, finished_at = now(), updated_at = now(), last_error = :error
             WHERE id = :id
            """;

    private static final String FAILED_TEAM = """
            INSERT INTO organizations_backfill_conflict (run_id, legacy_team_id, vnext_team_id, kind, detail, resolution)
            VALUES (:run, :legacyTeamId, NULL, 'failed', :detail, 'skipped; the next run tries it again')
            """;

    private final JdbcClient jdbc;

    BackfillRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run that did not finish (its process died), with the filters it was started with. */
    record Unfinished(long id, String filters, long lastLegacyTeamId, long teams) {}

    Optional<Unfinished> unfinished() {
        return jdbc.sql(UNFINISHED)
                .query((rs, row) -> new Unfinished(
                        rs.getLong("id"),
                        rs.getString("filters"),
                        rs.getLong("last_legacy_team_id"),
                        rs.getLong("teams")))
                .optional();
    }

    static String filtersJson(BackfillOptions options) {
        return JSON.writeValueAsString(options.filters());
    }

    /** The same filters as an unfinished run's (compared as JSON values, not as text). */
    static boolean sameFilters(String storedFilters, BackfillOptions options) {
        return JSON.readTree(storedFilters).equals(JSON.readTree(filtersJson(options)));
    }

    long start(BackfillOptions options) {
        String json = "{\"filters\": " + filtersJson(options) + ", \"batch_size\": " + options.batchSize() + "}";
        return jdbc.sql(START).param("options", json).query(Long.class).single();
    }

    void resume(long id) {
        jdbc.sql(RESUME).param("id", id).update();
    }

    void advance(long id, BatchResult batch, boolean moveCursor) {
        jdbc.sql(ADVANCE)
                .param("id", id)
                .param("moveCursor", moveCursor)
                .param("last", batch.lastLegacyTeamId())
                .param("created", batch.created())
                .param("memberships", batch.memberships())
                .param("rows", batch.rowsWritten())
                .param("skipped", batch.teams() - batch.created())
                .param(
                        "conflicts",
                        batch.conflicts().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .update();
    }

    /** Moves the cursor past batches that all committed (several workers). */
    void moveCursor(long id, long lastLegacyTeamId) {
        jdbc.sql(CURSOR).param("id", id).param("last", lastLegacyTeamId).update();
    }

    void finish(long id, String status, String error) {
        jdbc.sql(FINISH)
                .param("id", id)
                .param("status", status)
                .param("error", error)
                .update();
    }

    /** A team that failed alone: recorded, and the cursor moves past it. */
    void failedTeam(long runId, long legacyTeamId, String detail, boolean moveCursor) {
        jdbc.sql(FAILED_TEAM)
                .param("run", runId)
                .param("legacyTeamId", legacyTeamId)
                .param("detail", detail)
                .update();
        jdbc.sql(ADVANCE)
                .param("id", runId)
                .param("moveCursor", moveCursor)
                .param("last", legacyTeamId)
                .param("created", 0)
                .param("memberships", 0)
                .param("rows", 0)
                .param("skipped", 1)
                .param("conflicts", 1)
                .update();
    }
}
