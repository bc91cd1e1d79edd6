package gg.deltacrown.seeding;

import gg.deltacrown.validation.LegacyExpectations;
import java.util.List;
import java.util.Locale;

/** The SQL of one run; team numbers {@code n} start at 1 for each kind of team. */
final class SeedStatements {

    static final List<String> TABLES = List.of(
            "accounts_user",
            "user_profile_userprofile",
            "organizations_team",
            "organizations_membership",
            "organizations_migration_map",
            "organizations_ranking",
            "teams_team",
            "teams_teammembership");

    private static final String USERS = """
            WITH numbers AS (
                SELECT k, nextval(pg_get_serial_sequence('accounts_user', 'id')) AS user_id
                  FROM generate_series(:from, :to) k),
            users AS (
                INSERT INTO accounts_user (id, password, last_login, is_superuser, username, first_name, last_name,
                                           email, is_staff, is_active, date_joined, is_verified, email_verified_at)
                SELECT user_id, '!seed_scale', NULL, false, '%1$s' || (k - 1), '', '',
                       '%1$s' || (k - 1) || '@seed.invalid', false, true, now(), false, NULL
                  FROM numbers
                RETURNING id, username)
            INSERT INTO user_profile_userprofile (user_id, display_name, created_at, updated_at)
            SELECT id, username, now(), now() FROM users
            """;

    private static final String ORGANIZATION = """
            INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, verification_date, logo, badge,
                banner, description, website, twitter, master_wallet_id, revenue_split_config, enforce_brand,
                created_at, updated_at)
            SELECT 'Seed Scale %1$s', 'seed-scale-%1$s', u.id, false, NULL, NULL, NULL,
                   NULL, 'seed_scale', '', '', NULL, '{}'::jsonb, false, now(), now()
              FROM accounts_user u WHERE u.username = '%2$s0'
            RETURNING id
            """;

    // One row per team of the batch, with its ids taken from the tables' own sequences.
    private static final String BATCH = """
            CREATE TEMP TABLE seed_batch ON COMMIT DROP AS
            SELECT n, vnext_id, legacy_id, game_id, region, created_at,
                   %6$s AS legacy_game,
                   'Seed %1$s %2$s#' || n AS vnext_name,
                   'seed-%1$s-%3$s' || n AS vnext_slug,
                   'Seed %1$s %2$s#' || n || CASE WHEN %4$s AND n <= %7$d THEN ' (legacy)' ELSE '' END AS legacy_name,
                   'seed-%1$s-%3$s' || n
                       || CASE WHEN %4$s AND n > %7$d AND n <= %8$d THEN '-legacy' ELSE '' END AS legacy_slug
              FROM (SELECT n,
                           CASE WHEN %5$s THEN nextval(pg_get_serial_sequence('organizations_team', 'id')) END AS vnext_id,
                           CASE WHEN %9$s THEN nextval(pg_get_serial_sequence('teams_team', 'id')) END AS legacy_id,
                           (n %% 4) + 1 AS game_id,
                           (ARRAY['NA','EU','APAC','LATAM','OCE','ME','AF','SA'])[(n %% 8) + 1] AS region,
                           %10$s AS created_at
                      FROM generate_series(%11$d, %12$d) n) numbered
            """;

    // Member 0 is the OWNER; the others cycle through every vNext role. The last member of
    // every tenth team (of three or more members) is INVITED.
    private static final String MEMBERS = """
            CREATE TEMP TABLE seed_members ON COMMIT DROP AS
            SELECT b.n, j, b.vnext_id, b.legacy_id, b.created_at, u.id AS user_id, p.id AS profile_id,
                   CASE WHEN j = 0 THEN 'OWNER'
                        ELSE (ARRAY['PLAYER','PLAYER','PLAYER','SUBSTITUTE','COACH','ANALYST','SCOUT','MANAGER'])[((j - 1) %% 8) + 1]
                   END AS role,
                   CASE WHEN %3$d >= 3 AND j = %3$d - 1 AND b.n %% 10 = 0 THEN 'INVITED' ELSE 'ACTIVE' END AS status
              FROM seed_batch b
             CROSS JOIN generate_series(0, %3$d - 1) j
              JOIN accounts_user u ON u.username = '%1$s' || ((b.n + j) %% %2$d)
              JOIN user_profile_userprofile p ON p.user_id = u.id
            """;

    private static final String VNEXT_TEAMS = """
            INSERT INTO organizations_team (id, name, slug, organization_id, owner_id, game_id, region, status, logo,
                banner, description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                is_temporary, created_at, updated_at)
            SELECT vnext_id, vnext_name, vnext_slug, %d, NULL, game_id, region, 'ACTIVE', NULL,
                   NULL, '', '', '', '', false, created_at, created_at
              FROM seed_batch
            """;

    private static final String LEGACY_TEAMS = """
            INSERT INTO teams_team (
                id, name, tag, description, logo, name_ci, tag_ci, created_at, updated_at, game,
                banner_image, roster_image, banner, region, twitter, instagram, discord, youtube, twitch,
                linktree, slug, followers_count, posts_count, is_verified, is_featured, allow_posts,
                allow_followers, posts_require_approval, is_active, is_public, allow_join_requests,
                show_statistics, primary_game, total_points, adjust_points, hero_template, tagline,
                is_recruiting, show_roster_publicly, show_statistics_publicly, show_tournaments_publicly,
                show_achievements_publicly, members_can_post, require_post_approval, members_can_invite,
                auto_accept_join_requests, require_application_message, min_rank_requirement,
                hide_member_stats, hide_social_links, show_captain_only, logo_url)
            SELECT legacy_id, legacy_name, 'S' || to_hex(legacy_id), '', NULL, NULL, NULL, created_at, created_at,
                   legacy_game, NULL, NULL, NULL, region, '', '', '', '', '',
                   '', legacy_slug, 0, 0, false, false, true,
                   true, false, true, true, true,
                   true, '', 0, 0, 'default', '',
                   false, true, true, true,
                   true, true, false, false,
                   false, true, '',
                   false, false, false, NULL
              FROM seed_batch
            """;

    private static final String MAP_ROWS = """
            INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                migrated_by_id, verified, verification_notes)
            SELECT legacy_id, vnext_id, vnext_slug, created_at, NULL, NOT (n > %d AND n <= %d), ''
              FROM seed_batch
            """;

    private static final String VNEXT_MEMBERSHIPS = """
            INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                is_tournament_captain, joined_at, left_at, left_reason)
            SELECT vnext_id, user_id, status, role, NULL, '', false, created_at, NULL, ''
              FROM seed_members
            """;

    // The permission cache of spec 2.12: OWNER gets every flag; a new MANAGER or CAPTAIN three.
    private static final String LEGACY_MEMBERSHIPS = """
            INSERT INTO teams_teammembership (
                team_id, profile_id, role, role_metadata, is_role_custom, role_tier, role_changed_at,
                role_changed_by_id, status, joined_at, left_at, roster_slot, player_role, is_captain,
                can_register_tournaments, can_withdraw_tournaments, can_submit_match_results,
                can_invite_members, can_remove_members, can_manage_roles, can_manage_permissions,
                can_edit_team_profile, can_edit_team_settings, can_manage_social_links, can_create_posts,
                can_manage_posts, can_manage_announcements, can_manage_finances, can_view_financial_reports,
                can_schedule_practice, can_manage_schedule, locked_for_tournament_id, locked_at, locked_until)
            SELECT legacy_id, profile_id, legacy_role, '{}'::jsonb, false, 0, NULL,
                   NULL, legacy_status, created_at, NULL, NULL, '', false,
                   owner, owner, owner,
                   owner, owner, owner, owner,
                   owner, owner, owner, owner OR manager,
                   owner, owner, owner, owner OR manager,
                   owner OR manager, owner, NULL, NULL, NULL
              FROM (SELECT m.*, legacy_role = 'OWNER' AS owner, legacy_role IN ('MANAGER', 'CAPTAIN') AS manager
                      FROM (SELECT s.*,
                                   CASE WHEN %1$s AND s.j = 1 AND s.n > %3$d AND s.n <= %4$d THEN 'CONTENT_CREATOR'
                                        ELSE %5$s END AS legacy_role,
                                   %6$s AS legacy_status
                              FROM seed_members s) m
                     WHERE NOT (%1$s AND m.j = 1 AND m.n > %2$d AND m.n <= %3$d)) shadows
            """;

    private static final String RANKINGS = """
            INSERT INTO organizations_ranking (team_id, current_cp, season_cp, all_time_cp, tier, global_rank,
                regional_rank, rank_change_24h, rank_change_7d, is_hot_streak, streak_count, last_activity_date,
                last_decay_applied)
            SELECT vnext_id, 0, 0, 0, 'UNRANKED', NULL, NULL, 0, 0, false, 0, now(), NULL
              FROM seed_batch WHERE n > %d AND n <= %d
            """;

    // Ids taken from the sequences and never inserted: these rows point at nothing, for good.
    private static final String ORPHAN_MAPS = """
            INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                migrated_by_id, verified, verification_notes)
            SELECT nextval(pg_get_serial_sequence('teams_team', 'id'))::integer,
                   nextval(pg_get_serial_sequence('organizations_team', 'id'))::integer,
                   'seed-%s-orphan-' || n, now() - interval '30 days', NULL, false, 'seed_scale orphan'
              FROM generate_series(1, %d) n
            """;

    private final String run;
    private final SeedPlan plan;
    private final String legacyGame;
    private final String userPrefix;

    SeedStatements(String run, SeedPlan plan, String legacyGame) {
        this.run = run.toLowerCase(Locale.ROOT);
        this.plan = plan;
        this.legacyGame = legacyGame;
        this.userPrefix = "seed_" + this.run + "_";
    }

    String users() {
        return USERS.formatted(userPrefix);
    }

    String organization() {
        return ORGANIZATION.formatted(run, userPrefix);
    }

    List<String> mappedBatch(int from, int to, long organizationId) {
        return List.of(
                batch("", "", true, true, "now() - ((n % 365) + 2) * interval '1 day'", from, to),
                members(),
                VNEXT_TEAMS.formatted(organizationId),
                LEGACY_TEAMS,
                MAP_ROWS.formatted(plan.rankingDriftEnd(), plan.unverifiedEnd()),
                VNEXT_MEMBERSHIPS,
                legacyMemberships(true),
                RANKINGS.formatted(plan.roleDriftEnd(), plan.rankingDriftEnd()));
    }

    List<String> legacyOnlyBatch(int from, int to) {
        return List.of(
                batch("legacy ", "legacy-", false, true, "now() - ((n % 365) + 2) * interval '1 day'", from, to),
                members(),
                LEGACY_TEAMS,
                legacyMemberships(false));
    }

    List<String> vnextOnlyBatch(int from, int to, long organizationId) {
        return List.of(
                batch("vnext-only ", "vnext-only-", true, false, "now()", from, to),
                members(),
                VNEXT_TEAMS.formatted(organizationId),
                VNEXT_MEMBERSHIPS);
    }

    String orphanMaps() {
        return ORPHAN_MAPS.formatted(run, plan.orphanMaps());
    }

    private String batch(
            String namePart, String slugPart, boolean vnext, boolean legacy, String createdAt, int from, int to) {
        boolean mapped = vnext && legacy;
        return BATCH.formatted(
                run,
                namePart,
                slugPart,
                mapped,
                vnext,
                legacyGame,
                plan.nameDriftEnd(),
                plan.slugDriftEnd(),
                legacy,
                createdAt,
                from,
                to);
    }

    private String members() {
        return MEMBERS.formatted(userPrefix, plan.users(), plan.membersPerTeam());
    }

    private String legacyMemberships(boolean mapped) {
        return LEGACY_MEMBERSHIPS.formatted(
                mapped,
                plan.slugDriftEnd(),
                plan.membershipDriftEnd(),
                plan.roleDriftEnd(),
                LegacyExpectations.legacyRoleSql("s.role"),
                LegacyExpectations.legacyStatusSql("s.status"));
    }
}
