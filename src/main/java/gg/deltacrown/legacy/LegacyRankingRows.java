package gg.deltacrown.legacy;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code teams_ranking_breakdown}: the ranking rows of shadows. */
@Repository
class LegacyRankingRows {

    /** Every component at zero, the totals Django's save hook computes from them (spec 2.13). */
    private static final String INSERT_MISSING = """
            INSERT INTO teams_ranking_breakdown (team_id, tournament_participation_points, tournament_winner_points,
                tournament_runner_up_points, tournament_top_4_points, member_count_points, team_age_points,
                achievement_points, manual_adjustment_points, calculated_total, final_total, last_calculated)
            SELECT u.team_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now()
              FROM unnest(CAST(:teamIds AS bigint[])) AS u(team_id)
            ON CONFLICT (team_id) DO NOTHING
            """;

    private final JdbcClient jdbc;

    LegacyRankingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int insertMissing(Collection<Long> legacyTeamIds) {
        return jdbc.sql(INSERT_MISSING)
                .param("teamIds", legacyTeamIds.toArray(Long[]::new))
                .update();
    }
}
