package gg.deltacrown.migration;

import gg.deltacrown.legacy.ShadowResult;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code organizations_migration_map}, the bridge. Rows are never deleted by the service (old
 * notification links depend on them); a sync upserts the row of its vNext team and records whether
 * the legacy shadow was verified.
 */
@Repository
class MigrationMap {

    /**
     * migration_date and migrated_by_id record the first sync; later syncs refresh the rest, and
     * leave a row that already says it alone (no new row version: a repair or a dispatch of a team
     * whose map row is right writes nothing here).
     */
    private static final String UPSERT = """
            INSERT INTO organizations_migration_map AS m (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                                                          migrated_by_id, verified, verification_notes)
            SELECT u.legacy_team_id, u.vnext_team_id, u.legacy_slug, now(), u.migrated_by_id, u.verified, u.notes
              FROM unnest(:legacyIds::integer[], :vnextIds::integer[], :slugs::varchar[], :actors::bigint[],
                          :verified::boolean[], :notes::text[])
                   AS u(legacy_team_id, vnext_team_id, legacy_slug, migrated_by_id, verified, notes)
            ON CONFLICT (vnext_team_id) DO UPDATE
               SET legacy_team_id = EXCLUDED.legacy_team_id, legacy_slug = EXCLUDED.legacy_slug,
                   verified = EXCLUDED.verified, verification_notes = EXCLUDED.verification_notes
             WHERE (m.legacy_team_id, m.legacy_slug, m.verified, m.verification_notes)
                   IS DISTINCT FROM (EXCLUDED.legacy_team_id, EXCLUDED.legacy_slug, EXCLUDED.verified,
                                     EXCLUDED.verification_notes)
            """;

    private final JdbcClient jdbc;

    MigrationMap(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(List<ShadowResult> results, Map<Long, Long> actors) {
        if (results.isEmpty()) {
            return;
        }
        jdbc.sql(UPSERT)
                .param(
                        "legacyIds",
                        results.stream()
                                .map(r -> Math.toIntExact(r.legacyTeamId()))
                                .toArray(Integer[]::new))
                .param(
                        "vnextIds",
                        results.stream()
                                .map(r -> Math.toIntExact(r.vnextTeamId()))
                                .toArray(Integer[]::new))
                .param("slugs", results.stream().map(ShadowResult::legacySlug).toArray(String[]::new))
                .param(
                        "actors",
                        results.stream().map(r -> actors.get(r.vnextTeamId())).toArray(Long[]::new))
                .param("verified", results.stream().map(ShadowResult::verified).toArray(Boolean[]::new))
                .param("notes", results.stream().map(ShadowResult::notesText).toArray(String[]::new))
                .update();
    }
}
