package gg.deltacrown.validation;

import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.legacy.LegacyRowsFixture;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.NewLegacyMembership;
import gg.deltacrown.legacy.NewLegacyTeam;
import gg.deltacrown.support.ProfileRows;
import gg.deltacrown.teams.TeamRow;
import gg.deltacrown.teams.TeamRowsFixture;
import gg.deltacrown.teams.TeamStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test data for the migration: accounts, vNext and legacy teams, map rows, memberships on both
 * sides, rankings, outbox entries. Team and membership rows go through the inserts of the tables'
 * owners ({@link TeamRowsFixture}, {@link LegacyRowsFixture}); legacy rows are written the way the
 * dual-write's shadow writer writes them: in a transaction that took the shadow writer role, which
 * the database guard lets through without auditing.
 */
public final class MigrationFixture {

    public static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TeamRowsFixture teamRows;
    private final LegacyRowsFixture legacyRows;
    private final AtomicInteger names = new AtomicInteger();

    public MigrationFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.teamRows = new TeamRowsFixture(dataSource);
        this.legacyRows = new LegacyRowsFixture(dataSource);
    }

    public record Pair(long mapId, long vnextTeamId, long legacyTeamId) {}

    /** An account with its profile; returns the user id. */
    public long user(String username) {
        long id = jdbc.queryForObject("""
                INSERT INTO accounts_user (password, last_login, is_superuser, username, first_name, last_name, email,
                                           is_staff, is_active, date_joined, is_verified, email_verified_at)
                VALUES ('!', NULL, false, ?, '', '', ?, false, true, now(), false, NULL) RETURNING id
                """, Long.class, username, username + "@example.com");
        ProfileRows.forUsernames(dataSource, username);
        return id;
    }

    /** An account without a profile (it can never have a legacy membership). */
    public long userWithoutProfile(String username) {
        return jdbc.queryForObject("""
                INSERT INTO accounts_user (password, last_login, is_superuser, username, first_name, last_name, email,
                                           is_staff, is_active, date_joined, is_verified, email_verified_at)
                VALUES ('!', NULL, false, ?, '', '', ?, false, true, now(), false, NULL) RETURNING id
                """, Long.class, username, username + "@example.com");
    }

    public VnextTeam vnextTeam(String name) {
        return new VnextTeam(name);
    }

    public LegacyTeam legacyTeam(String name) {
        return new LegacyTeam(name);
    }

    /** A vNext team, its legacy shadow (same name, slug, game and region) and a verified map row. */
    public Pair pair(String name) {
        long vnext = vnextTeam(name).create();
        long legacy = legacyTeam(name).create();
        return new Pair(map(legacy, vnext, true), vnext, legacy);
    }

    public long map(long legacyTeamId, long vnextTeamId, boolean verified) {
        return jdbc.queryForObject("""
                INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                                                         migrated_by_id, verified, verification_notes)
                VALUES (?, ?, 'fixture', ?, NULL, ?, '') RETURNING id
                """, Long.class, legacyTeamId, vnextTeamId, LONG_AGO, verified);
    }

    public long vnextMember(long teamId, long userId, String role, String status) {
        return jdbc.queryForObject(
                """
                INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                                                      is_tournament_captain, joined_at, left_at, left_reason)
                VALUES (?, ?, ?, ?, NULL, '', false, ?, NULL, '') RETURNING id
                """, Long.class, teamId, userId, status, role, LONG_AGO.plusSeconds(names.incrementAndGet()));
    }

    public long legacyMember(long legacyTeamId, long userId, String role, String status) {
        long profileId =
                jdbc.queryForObject("SELECT id FROM user_profile_userprofile WHERE user_id = ?", Long.class, userId);
        return legacyWrite(() -> legacyRows.membership(
                new NewLegacyMembership(legacyTeamId, profileId, role, status, null, LONG_AGO, null)));
    }

    /** A member on both sides, the legacy row as {@link LegacyExpectations} says it should be. */
    public long member(Pair pair, long userId, String role, String status) {
        long id = vnextMember(pair.vnextTeamId(), userId, role, status);
        legacyMember(
                pair.legacyTeamId(),
                userId,
                LegacyExpectations.legacyRole(role),
                LegacyExpectations.legacyStatus(status));
        return id;
    }

    public void vnextRanking(long vnextTeamId) {
        jdbc.update("""
                INSERT INTO organizations_ranking (team_id, current_cp, season_cp, all_time_cp, tier, global_rank,
                    regional_rank, rank_change_24h, rank_change_7d, is_hot_streak, streak_count, last_activity_date,
                    last_decay_applied)
                VALUES (?, 0, 0, 0, 'UNRANKED', NULL, NULL, 0, 0, false, 0, now(), NULL)
                """, vnextTeamId);
    }

    public void legacyRanking(long legacyTeamId) {
        legacyWrite(() -> jdbc.update("""
                INSERT INTO teams_ranking_breakdown (team_id, tournament_participation_points, tournament_winner_points,
                    tournament_runner_up_points, tournament_top_4_points, member_count_points, team_age_points,
                    achievement_points, manual_adjustment_points, calculated_total, final_total, last_calculated)
                VALUES (?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now())
                """, legacyTeamId));
    }

    public long outbox(long vnextTeamId, String status, OffsetDateTime createdAt, String blockedReason) {
        return jdbc.queryForObject(
                """
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, blocked_reason,
                                                            last_error, created_at)
                VALUES ('sync_team_created', ?, ?, ?, ?, ?, ?) RETURNING id
                """,
                Long.class,
                vnextTeamId,
                status,
                "BLOCKED".equals(status) ? 8 : 0,
                blockedReason,
                blockedReason == null ? null : "failed: " + blockedReason,
                createdAt);
    }

    /** A DONE outbox entry completed now, as the dispatcher leaves it after mirroring a change. */
    public long synced(long vnextTeamId, Long membershipId, String operation) {
        return jdbc.queryForObject("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, vnext_membership_id, status,
                                                            attempts, created_at, completed_at, completed_by)
                VALUES (?, ?, ?, 'DONE', 1, now(), now(), 'fixture') RETURNING id
                """, Long.class, operation, vnextTeamId, membershipId);
    }

    /**
     * A legacy write by another path (this fixture's role, not the shadow writer) with this bypass
     * reason set: refused while blocking is on, unless the emergency bypass flag is on (audited).
     */
    public void legacyWriteWithBypass(String reason, long legacyTeamId) {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT set_config('deltacrown.legacy_write_bypass', ?, true)", String.class, reason);
            jdbc.update("UPDATE teams_team SET tagline = 'bypassed' WHERE id = ?", legacyTeamId);
        });
    }

    /** A write to legacy tables as the shadow writer would make it (not audited). */
    public void shadowWrite(String sql, Object... args) {
        legacyWrite(() -> jdbc.update(sql, args));
    }

    public void execute(String sql, Object... args) {
        jdbc.update(sql, args);
    }

    private <T> T legacyWrite(Supplier<T> write) {
        return transactions.execute(status -> {
            jdbc.queryForMap(
                    "SELECT set_config('role', ?, true), set_config('deltacrown.legacy_write_bypass', ?, true)",
                    DatabaseRoles.SHADOW_WRITER,
                    LegacyWriteReason.TEST_FIXTURE.code());
            return write.get();
        });
    }

    private static String slugOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** A vNext team (independent, owned by an account of its own, ACTIVE, game 1, region NA). */
    public final class VnextTeam {
        private final String name;
        private String slug;
        private int gameId = 1;
        private String region = "NA";
        private String status = "ACTIVE";
        private OffsetDateTime createdAt = LONG_AGO;
        private Long owner;

        private VnextTeam(String name) {
            this.name = name;
            this.slug = slugOf(name);
        }

        public VnextTeam slug(String value) {
            slug = value;
            return this;
        }

        public VnextTeam game(int value) {
            gameId = value;
            return this;
        }

        public VnextTeam region(String value) {
            region = value;
            return this;
        }

        public VnextTeam status(String value) {
            status = value;
            return this;
        }

        public VnextTeam createdAt(OffsetDateTime value) {
            createdAt = value;
            return this;
        }

        public VnextTeam owner(long userId) {
            owner = userId;
            return this;
        }

        public long create() {
            long owner = this.owner != null ? this.owner : user("owner-" + slug + "-" + names.incrementAndGet());
            return teamRows.team(
                    new TeamRow(name, slug, null, owner, gameId, region, TeamStatus.valueOf(status), createdAt));
        }
    }

    /** A legacy team (active, game valorant, region NA). */
    public final class LegacyTeam {
        private final String name;
        private String slug;
        private String game = "valorant";
        private String region = "NA";
        private boolean active = true;

        private LegacyTeam(String name) {
            this.name = name;
            this.slug = slugOf(name);
        }

        public LegacyTeam slug(String value) {
            slug = value;
            return this;
        }

        public LegacyTeam game(String value) {
            game = value;
            return this;
        }

        public LegacyTeam region(String value) {
            region = value;
            return this;
        }

        public LegacyTeam inactive() {
            active = false;
            return this;
        }

        public long create() {
            String tag = "F" + names.incrementAndGet();
            return legacyWrite(() -> legacyRows.team(
                    new NewLegacyTeam(name, tag, slug, game, region, "", null, null, null, active), LONG_AGO));
        }
    }
}
