package gg.deltacrown.seeding;

import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.teams.TeamRows;
import gg.deltacrown.validation.LegacyExpectations;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL of one run; team numbers {@code n} start at 1 for each kind of team. Team and membership
 * rows of {@code organizations_team} and {@code teams_*} are selected here and inserted by the
 * owners of those tables ({@link TeamRows}, {@link LegacyTeams}), so their column lists exist once.
 */
final class SeedStatements {

    /** Who runs a step's SQL: seeding itself, or the owner of the table, given the step's rows as a query. */
    enum Writer {
        SEEDING,
        VNEXT_TEAMS,
        LEGACY_TEAMS,
        LEGACY_MEMBERSHIPS,
        /** An UPDATE of legacy rows (drift made after the insert, as another app would). */
        LEGACY_UPDATE
    }

    record Step(Writer writer, String sql) {
        static Step own(String sql) {
            return new Step(Writer.SEEDING, sql);
        }
    }

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
            INSERT INTO accounts_user (password, last_login, is_superuser, username, first_name, last_name, email,
                                       is_staff, is_active, date_joined, is_verified, email_verified_at)
            SELECT '!seed_scale', NULL, false, '%1$s' || (k - 1), '', '', '%1$s' || (k - 1) || '@seed.invalid', false,
                   true, now(), false, NULL
              FROM generate_series(:from, :to) k
            """;

    /** The profile source of those users, for {@code Profiles}. */
    private static final String PROFILES = """
            SELECT u.id AS user_id, u.username AS display_name, u.date_joined AS created_at
              FROM generate_series(:from, :to) k
              JOIN accounts_user u ON u.username = '%1$s' || (k - 1)
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
                   'Seed %1$s %2$s#' || n || CASE WHEN %4$s AND drift = 'name' THEN ' (legacy)' ELSE '' END AS legacy_name,
                   'seed-%1$s-%3$s' || n
                       || CASE WHEN %4$s AND drift = 'slug' THEN '-legacy' ELSE '' END AS legacy_slug,
                   drift
              FROM (SELECT n,
                           CASE WHEN %5$s THEN nextval(pg_get_serial_sequence('organizations_team', 'id')) END AS vnext_id,
                           CASE WHEN %9$s THEN nextval(pg_get_serial_sequence('teams_team', 'id')) END AS legacy_id,
                           (n %% 4) + 1 AS game_id,
                           (ARRAY['NA','EU','APAC','LATAM','OCE','ME','AF','SA'])[(n %% 8) + 1] AS region,
                           %10$s AS created_at
                      FROM generate_series(%11$d, %12$d) n) numbered
              LEFT JOIN unnest(%7$s::int[], %8$s::text[]) AS drifted (team, drift) ON drifted.team = n
            """;

    // The legacy inserts run as the shadow writer (ADR 0020), which must read the batch's temporary
    // tables; no other session can see them, whatever their privileges.
    private static final String SHADOW_WRITER_READS = "GRANT SELECT ON %s TO " + DatabaseRoles.SHADOW_WRITER;

    // Member 0 is the OWNER; the others cycle through every vNext role. The last member of
    // every tenth team (of three or more members) is INVITED. The four games take turns (team n
    // plays game n % 4 + 1), and the i-th team of a game (i = (n - 1) / 4, after the teams of that
    // game in the kinds seeded before) has users i * M .. i * M + M - 1: nobody is in two teams of
    // one game, as the legacy app requires of ACTIVE members (SeedPlan.requiredUsers).
    private static final String MEMBERS = """
            CREATE TEMP TABLE seed_members ON COMMIT DROP AS
            SELECT b.n, j, b.vnext_id, b.legacy_id, b.created_at, b.drift, u.id AS user_id, p.id AS profile_id,
                   CASE WHEN j = 0 THEN 'OWNER'
                        ELSE (ARRAY['PLAYER','PLAYER','PLAYER','SUBSTITUTE','COACH','ANALYST','SCOUT','MANAGER'])[((j - 1) %% 8) + 1]
                   END AS role,
                   CASE WHEN %3$d >= 3 AND j = %3$d - 1 AND b.n %% 10 = 0 THEN 'INVITED' ELSE 'ACTIVE' END AS status
              FROM seed_batch b
             CROSS JOIN generate_series(0, %3$d - 1) j
              JOIN accounts_user u ON u.username = '%1$s' || ((%2$d + (b.n - 1) / 4) * %3$d + j)
              JOIN user_profile_userprofile p ON p.user_id = u.id
            """;

    /** The batch's vNext teams, as {@link TeamRows#SOURCE_COLUMNS}. */
    private static final String VNEXT_TEAMS = """
            SELECT vnext_id, vnext_name, vnext_slug, %d::bigint, NULL::bigint, game_id, region, 'ACTIVE', created_at
              FROM seed_batch
            """;

    /** The batch's legacy teams, as {@link LegacyTeams#TEAM_SOURCE_COLUMNS}. */
    private static final String LEGACY_TEAMS = """
            SELECT legacy_id, legacy_name, 'S' || upper(to_hex(legacy_id)), '', NULL::varchar, created_at, legacy_game,
                   NULL::varchar, region, legacy_slug, true, NULL::varchar
              FROM seed_batch
            """;

    private static final String MAP_ROWS = """
            INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                migrated_by_id, verified, verification_notes)
            SELECT legacy_id, vnext_id, vnext_slug, created_at, NULL, drift IS DISTINCT FROM 'unverified', ''
              FROM seed_batch
            """;

    private static final String VNEXT_MEMBERSHIPS = """
            INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                is_tournament_captain, joined_at, left_at, left_reason)
            SELECT vnext_id, user_id, status, role, NULL, '', false, created_at, NULL, ''
              FROM seed_members
            """;

    /** The batch's legacy memberships, as {@link LegacyTeams#MEMBERSHIP_SOURCE_COLUMNS}. */
    private static final String LEGACY_MEMBERSHIPS = """
            SELECT legacy_id, profile_id, legacy_role, '{}', legacy_status, created_at, NULL::timestamptz,
                   NULL::varchar, '', false
              FROM (SELECT s.*,
                           CASE WHEN %1$s AND s.j = 1 AND s.drift = 'membership_role' THEN 'CONTENT_CREATOR'
                                ELSE %5$s END AS legacy_role,
                           %6$s AS legacy_status
                      FROM seed_members s) m
             WHERE NOT (%1$s AND m.j = 1 AND m.drift IS NOT DISTINCT FROM 'membership_missing')
            """;

    private static final String RANKINGS = """
            INSERT INTO organizations_ranking (team_id, current_cp, season_cp, all_time_cp, tier, global_rank,
                regional_rank, rank_change_24h, rank_change_7d, is_hot_streak, streak_count, last_activity_date,
                last_decay_applied)
            SELECT vnext_id, 0, 0, 0, 'UNRANKED', NULL, NULL, 0, 0, false, 0, now(), NULL
              FROM seed_batch WHERE drift = 'ranking'
            """;

    // The drifts that are not in the rows as inserted: changes made afterwards, as another app would.
    private static final String TEAM_DRIFT = """
            UPDATE teams_team t
               SET game = CASE WHEN b.drift = 'game' THEN 'codm' ELSE t.game END,
                   region = CASE WHEN b.drift = 'region' THEN 'ZZ' ELSE t.region END,
                   description = CASE WHEN b.drift = 'description' THEN 'seed drift' ELSE t.description END,
                   logo = CASE WHEN b.drift = 'logo' THEN 'team_logos/seed-drift.png' ELSE t.logo END,
                   banner_image = CASE WHEN b.drift = 'banner' THEN 'banners/seed-drift.png' ELSE t.banner_image END,
                   logo_url = CASE WHEN b.drift = 'logo_url' THEN 'https://seed.invalid/logo.png' ELSE t.logo_url END,
                   is_public = CASE WHEN b.drift = 'active' THEN false ELSE t.is_public END
              FROM seed_batch b
             WHERE b.legacy_id = t.id AND b.drift IN ('game', 'region', 'description', 'logo', 'banner', 'logo_url', 'active')
            """;

    // Member 1's legacy row (member 0's, the OWNER, for its permissions).
    private static final String MEMBER_DRIFT = """
            UPDATE teams_teammembership l
               SET status = CASE WHEN s.drift = 'membership_status' THEN 'PENDING' ELSE l.status END,
                   left_at = CASE WHEN s.drift = 'membership_left_at' THEN s.created_at ELSE l.left_at END,
                   is_captain = CASE WHEN s.drift = 'membership_captain' THEN true ELSE l.is_captain END,
                   roster_slot = CASE WHEN s.drift = 'membership_roster_slot' THEN 'BENCH' ELSE l.roster_slot END,
                   player_role = CASE WHEN s.drift = 'membership_player_role' THEN 'IGL' ELSE l.player_role END,
                   can_manage_finances = CASE WHEN s.drift = 'membership_permissions' THEN false
                                              ELSE l.can_manage_finances END
              FROM seed_members s
             WHERE s.legacy_id = l.team_id AND s.profile_id = l.profile_id
               AND ((s.j = 1 AND s.drift IN ('membership_status', 'membership_left_at', 'membership_captain',
                                             'membership_roster_slot', 'membership_player_role'))
                    OR (s.j = 0 AND s.drift = 'membership_permissions'))
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

    String profiles() {
        return PROFILES.formatted(userPrefix);
    }

    String organization() {
        return ORGANIZATION.formatted(run, userPrefix);
    }

    List<Step> mappedBatch(int from, int to, long organizationId) {
        return List.of(
                Step.own(batch("", "", true, true, "now() - ((n % 365) + 2) * interval '1 day'", from, to)),
                Step.own(SHADOW_WRITER_READS.formatted("seed_batch")),
                Step.own(members(0)),
                Step.own(SHADOW_WRITER_READS.formatted("seed_members")),
                new Step(Writer.VNEXT_TEAMS, VNEXT_TEAMS.formatted(organizationId)),
                new Step(Writer.LEGACY_TEAMS, LEGACY_TEAMS),
                Step.own(MAP_ROWS),
                Step.own(VNEXT_MEMBERSHIPS),
                new Step(Writer.LEGACY_MEMBERSHIPS, legacyMemberships(true)),
                Step.own(RANKINGS),
                new Step(Writer.LEGACY_UPDATE, TEAM_DRIFT),
                new Step(Writer.LEGACY_UPDATE, MEMBER_DRIFT));
    }

    List<Step> legacyOnlyBatch(int from, int to) {
        return List.of(
                Step.own(batch(
                        "legacy ", "legacy-", false, true, "now() - ((n % 365) + 2) * interval '1 day'", from, to)),
                Step.own(SHADOW_WRITER_READS.formatted("seed_batch")),
                Step.own(members(SeedPlan.perGame(plan.teams()))),
                Step.own(SHADOW_WRITER_READS.formatted("seed_members")),
                new Step(Writer.LEGACY_TEAMS, LEGACY_TEAMS),
                new Step(Writer.LEGACY_MEMBERSHIPS, legacyMemberships(false)));
    }

    List<Step> vnextOnlyBatch(int from, int to, long organizationId) {
        return List.of(
                Step.own(batch("vnext-only ", "vnext-only-", true, false, "now()", from, to)),
                Step.own(members(SeedPlan.perGame(plan.teams()) + SeedPlan.perGame(plan.legacyOnlyTeams()))),
                new Step(Writer.VNEXT_TEAMS, VNEXT_TEAMS.formatted(organizationId)),
                Step.own(VNEXT_MEMBERSHIPS));
    }

    String orphanMaps() {
        return ORPHAN_MAPS.formatted(run, plan.orphanMaps());
    }

    private String batch(
            String namePart, String slugPart, boolean vnext, boolean legacy, String createdAt, int from, int to) {
        boolean mapped = vnext && legacy;
        List<SeedPlan.DriftedTeam> drifted = mapped
                ? plan.driftedTeams().stream()
                        .filter(team -> team.team() >= from && team.team() <= to)
                        .toList()
                : List.of();
        return BATCH.formatted(
                run,
                namePart,
                slugPart,
                mapped,
                vnext,
                legacyGame,
                drifted.stream()
                        .map(team -> Integer.toString(team.team()))
                        .collect(Collectors.joining(",", "'{", "}'")),
                drifted.stream().map(SeedPlan.DriftedTeam::drift).collect(Collectors.joining(",", "'{", "}'")),
                legacy,
                createdAt,
                from,
                to);
    }

    /** @param ordinalOffset teams of each game seeded by the kinds before this one */
    private String members(int ordinalOffset) {
        return MEMBERS.formatted(userPrefix, ordinalOffset, plan.membersPerTeam());
    }

    private String legacyMemberships(boolean mapped) {
        return LEGACY_MEMBERSHIPS.formatted(
                mapped,
                0,
                0,
                0,
                LegacyExpectations.legacyRoleSql("s.role"),
                LegacyExpectations.legacyStatusSql("s.status"));
    }
}
