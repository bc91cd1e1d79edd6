package gg.deltacrown.ops;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code organizations_validation_report_run}: validation reports stored whole, as their JSON
 * document; the dashboard reads the newest one's numbers by the report's own keys.
 */
@Repository
class ReportRuns {

    /** Enough history to compare with last week's runs; older runs are removed as new ones come. */
    static final int KEPT = 200;

    private static final String INSERT = """
            INSERT INTO organizations_validation_report_run (requested_by, has_errors, report)
            VALUES (:requestedBy, :hasErrors, CAST(:report AS jsonb))
            RETURNING id
            """;

    private static final String DELETE_OLD = """
            DELETE FROM organizations_validation_report_run
             WHERE id < (SELECT id FROM organizations_validation_report_run ORDER BY id DESC OFFSET :kept - 1 LIMIT 1)
            """;

    private static final String LATEST = """
            SELECT id, generated_at, requested_by, has_errors,
                   (report #>> '{meta,execution_time_seconds}')::float8 AS execution_time_seconds,
                   (report #>> '{coverage,legacy_team_count}')::bigint AS legacy_teams,
                   (report #>> '{coverage,vnext_team_count}')::bigint AS vnext_teams,
                   (report #>> '{coverage,legacy_teams_with_mapping}')::bigint AS mapped,
                   (report #>> '{coverage,unmapped_legacy_count}')::bigint AS unmapped,
                   (report #>> '{coverage,mapping_percentage}')::float8 AS mapped_percentage,
                   (report #>> '{mapping_health,total_mappings}')::bigint AS total_mappings,
                   (report #>> '{mapping_health,duplicate_legacy_count}')::bigint AS duplicate_legacy,
                   (report #>> '{mapping_health,duplicate_vnext_count}')::bigint AS duplicate_vnext,
                   (report #>> '{mapping_health,orphan_count}')::bigint AS orphans,
                   coalesce((report #>> '{mapping_health,unverified_mapping_count}')::bigint, 0) AS unverified,
                   (report #>> '{consistency,sampled_teams}')::bigint AS sampled_teams,
                   (report #>> '{consistency,name_mismatch_count}')::bigint AS name_mismatches,
                   (report #>> '{consistency,slug_mismatch_count}')::bigint AS slug_mismatches,
                   (report #>> '{consistency,membership_count_mismatch_count}')::bigint AS membership_count_mismatches,
                   (report #>> '{consistency,ranking_mismatch_count}')::bigint AS ranking_mismatches,
                   coalesce((report #>> '{shadow_health,memberships,missing_count}')::bigint, 0)
                       AS missing_membership_shadows,
                   coalesce((report #>> '{shadow_health,memberships,differing_count}')::bigint, 0)
                       AS differing_membership_shadows,
                   coalesce((report #>> '{dual_write_health,missing_legacy_count}')::bigint, 0) AS missing_team_shadows,
                   coalesce((report #>> '{shadow_health,legacy_writes_while_blocked,count}')::bigint, 0)
                       AS legacy_writes_while_blocked,
                   ARRAY(SELECT jsonb_array_elements_text(report -> 'recommendations')) AS recommendations
              FROM organizations_validation_report_run
             ORDER BY id DESC
             LIMIT 1
            """;

    private final JdbcClient jdbc;

    ReportRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long store(String requestedBy, boolean hasErrors, String reportJson) {
        long id = jdbc.sql(INSERT)
                .param("requestedBy", requestedBy)
                .param("hasErrors", hasErrors)
                .param("report", reportJson)
                .query(Long.class)
                .single();
        jdbc.sql(DELETE_OLD).param("kept", KEPT).update();
        return id;
    }

    Optional<ReportRun> latest() {
        return jdbc.sql(LATEST).query(ReportRuns::run).optional();
    }

    private static ReportRun run(ResultSet rs, int row) throws SQLException {
        return new ReportRun(
                rs.getLong("id"),
                rs.getObject("generated_at", OffsetDateTime.class),
                rs.getString("requested_by"),
                rs.getBoolean("has_errors"),
                rs.getDouble("execution_time_seconds"),
                new ReportRun.Coverage(
                        rs.getLong("legacy_teams"),
                        rs.getLong("vnext_teams"),
                        rs.getLong("mapped"),
                        rs.getLong("unmapped"),
                        rs.getDouble("mapped_percentage")),
                new ReportRun.MappingHealth(
                        rs.getLong("total_mappings"),
                        rs.getLong("duplicate_legacy"),
                        rs.getLong("duplicate_vnext"),
                        rs.getLong("orphans"),
                        rs.getLong("unverified")),
                new ReportRun.Drift(
                        rs.getLong("sampled_teams"),
                        rs.getLong("name_mismatches"),
                        rs.getLong("slug_mismatches"),
                        rs.getLong("membership_count_mismatches"),
                        rs.getLong("ranking_mismatches"),
                        rs.getLong("missing_membership_shadows"),
                        rs.getLong("differing_membership_shadows"),
                        rs.getLong("missing_team_shadows"),
                        rs.getLong("legacy_writes_while_blocked")),
                strings(rs.getArray("recommendations")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
