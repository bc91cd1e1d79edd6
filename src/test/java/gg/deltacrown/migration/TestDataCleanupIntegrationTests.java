package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rollback scenario 3: test teams leave both sides, children included; a dry run changes nothing. */
@IntegrationTest
class TestDataCleanupIntegrationTests {

    @Autowired
    VnextWrites vnext;

    @Autowired
    TestDataCleanup cleanup;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    Flags flags;

    @Autowired
    OutboxAdmin outbox;

    VnextWrites.Team alpha;
    VnextWrites.Team keep;

    @BeforeEach
    void twoTestTeamsAndARealOne() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "cleanup test");
        Account owner = vnext.user("testuser");
        Account member = vnext.user("testmember");
        alpha = vnext.createTeam(owner, "Staging Test Team Alpha", 1, "NA");
        vnext.addMember(alpha, owner, member, "PLAYER", true);
        vnext.createTeam(owner, "Perf Test Team 1", 2, "EU");
        keep = vnext.createTeam(member, "Real Team", 1, "NA");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> outbox.status().pendingCount() == 0);
        jdbc.update("""
                INSERT INTO organizations_activity_log (team_id, action_type, actor_id, actor_username, description,
                                                        metadata, "timestamp")
                VALUES (?, 'CREATE', 1, 'testuser', 'created', '{}', now())""", alpha.id());
        jdbc.update("""
                INSERT INTO organizations_ranking (team_id, current_cp, season_cp, all_time_cp, tier, rank_change_24h,
                    rank_change_7d, is_hot_streak, streak_count, last_activity_date)
                VALUES (?, 0, 0, 0, 'UNRANKED', 0, 0, false, 0, now())""", alpha.id());
    }

    @Test
    void aDryRunDeletesAndChecksEverythingThenRollsBack() {
        TestDataCleanup.Result result = cleanup.clean(TestDataCleanup.RUNBOOK_PATTERNS, false);

        assertThat(result.committed()).isFalse();
        assertThat(result.teamNames()).containsExactly("Staging Test Team Alpha", "Perf Test Team 1");
        assertThat(result.deleted())
                .containsEntry("organizations_team", 2)
                .containsEntry("teams_team", 2)
                .containsEntry("organizations_membership", 3)
                .containsEntry("teams_teammembership", 3)
                .containsEntry("organizations_activity_log", 1)
                .containsEntry("organizations_ranking", 1)
                .containsEntry("organizations_migration_map", 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_team", Integer.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void removesTheTestTeamsFromBothSidesAndLeavesTheRestAlone() {
        TestDataCleanup.Result result = cleanup.clean(TestDataCleanup.RUNBOOK_PATTERNS, true);

        assertThat(result.committed()).isTrue();
        assertThat(result.orphanMaps()).isZero();
        assertThat(jdbc.queryForList("SELECT id FROM organizations_team", Long.class))
                .containsExactly(keep.id());
        assertThat(jdbc.queryForList("SELECT name FROM teams_team", String.class))
                .containsExactly("Real Team");
        assertThat(jdbc.queryForList("SELECT vnext_team_id FROM organizations_migration_map", Long.class))
                .containsExactly(keep.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_dualwrite_outbox WHERE vnext_team_id = ?",
                        Integer.class,
                        alpha.id()))
                .isZero();
    }

    @Test
    void unlinksAProfileWhosePrimaryTeamIsATestTeamInsteadOfDeletingIt() {
        // Django's profile row, written as the schema owner (the runtime role only reads profiles).
        DatabaseOwner.jdbc(environment, jdbc.getDataSource()).update("""
                UPDATE user_profile_userprofile
                   SET primary_team_id = (SELECT legacy_team_id FROM organizations_migration_map WHERE vnext_team_id = ?)
                 WHERE user_id = (SELECT owner_id FROM organizations_team WHERE id = ?)""", alpha.id(), alpha.id());

        cleanup.clean(TestDataCleanup.RUNBOOK_PATTERNS, true);

        assertThat(jdbc.queryForList("SELECT primary_team_id FROM user_profile_userprofile", Long.class))
                .as("every profile is still there (Django's primary_team is SET_NULL), the test team's link gone")
                .hasSize(2)
                .containsOnlyNulls();
    }
}
