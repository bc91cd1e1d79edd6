package gg.deltacrown.legacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Set-based reads and writes of the legacy team rows: a fixed number of statements per batch of
 * teams, whatever its size (arrays + {@code unnest}). The one place that knows the column list of a
 * new {@code teams_team} and {@code teams_teammembership} row: the shadow writer, the demo data,
 * {@code seed_scale} and the test fixtures all insert through here.
 */
@Repository
class LegacyShadowTables {

    private static final String TEAM_COLUMNS = """
            id, name, tag, slug, game, region, description, logo, banner_image, logo_url, is_active, is_public
            """;

    /**
     * The rows of {@code table} whose {@code column} equals one of the array {@code :keys}: one index
     * probe per key (docs/adr/0031). {@code column = ANY(:keys)} let the planner scan the whole
     * table instead once the array was a backlog batch's 500 keys and the table had tens of
     * thousands of rows, 3-15 ms a statement where the probes take under 1 ms.
     */
    static String probe(String columns, String table, String column, String keys, String keyType) {
        return "SELECT x.* FROM unnest(" + keys + "::" + keyType + "[]) AS k(key)\n CROSS JOIN LATERAL (SELECT "
                + columns.strip() + "\n FROM " + table + " WHERE " + column + " = k.key OFFSET 0) AS x";
    }

    static final String SELECT_TEAMS = probe(TEAM_COLUMNS, "teams_team", "id", ":ids", "bigint");

    /** Teams holding any of these unique values: probes of each unique column's index. */
    static final String SELECT_HOLDERS = probe(TEAM_COLUMNS, "teams_team", "name", ":names", "varchar")
            + "\nUNION " + probe(TEAM_COLUMNS, "teams_team", "tag", ":tags", "varchar")
            + "\nUNION " + probe(TEAM_COLUMNS, "teams_team", "slug", ":slugs", "varchar");

    static final String SELECT_MEMBERS = probe("""
            id, team_id, profile_id, role, status, roster_slot, player_role, is_captain, joined_at, left_at,
                   (can_register_tournaments AND can_withdraw_tournaments AND can_submit_match_results
                    AND can_invite_members AND can_remove_members AND can_manage_roles AND can_manage_permissions
                    AND can_edit_team_profile AND can_edit_team_settings AND can_manage_social_links
                    AND can_create_posts AND can_manage_posts AND can_manage_announcements AND can_manage_finances
                    AND can_view_financial_reports AND can_schedule_practice AND can_manage_schedule) AS all_permissions,
                   (role_metadata ->> 'vnext_membership_id')::bigint AS vnext_membership_id,
                   role_metadata ->> 'vnext_role' AS vnext_role,
                   coalesce((role_metadata ->> 'promoted_to_owner')::boolean, false) AS promoted,
                   coalesce((role_metadata ->> 'held_back')::boolean, false) AS held_back
            """, "teams_teammembership", "team_id", ":teamIds", "bigint");

    /**
     * ACTIVE legacy memberships of these profiles outside the given teams, with their team's game
     * (the caller keeps those of a game). The game is a lookup per membership by primary key: as a
     * join, the planner's estimate of a batch's memberships (three times the real count at 5M rows)
     * made it hash all of {@code teams_team} instead, 100 ms a batch (bench/RESULTS.md, repair). The
     * memberships are probes of the profile index (docs/adr/0031): as {@code profile_id = ANY}, a
     * backlog batch's planner read every ACTIVE row of {@code (team_id, status)} and filtered them.
     */
    static final String SELECT_ACTIVE_ELSEWHERE = """
            SELECT m.profile_id, m.team_id, (SELECT t.game FROM teams_team t WHERE t.id = m.team_id) AS game
              FROM unnest(:profileIds::bigint[]) AS k(profile_id)
             CROSS JOIN LATERAL (SELECT profile_id, team_id FROM teams_teammembership
                                  WHERE profile_id = k.profile_id AND status = 'ACTIVE' AND team_id <> ALL(:teamIds)
                                 OFFSET 0) AS m
            """;

    /**
     * Serialises the dispatches that make the same profiles ACTIVE, so two of them cannot both find
     * a game free (no index can say "one ACTIVE row per profile and game" across two tables). The
     * ids come sorted: overlapping batches take the locks in the same order.
     */
    private static final String LOCK_PROFILES = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(23, (id % 2147483647)::integer)
                                    FROM unnest(:profileIds::bigint[]) AS id) AS locked
            """;

    /**
     * The columns every new {@code teams_team} row gets, for every writer (shadow writer, demo data,
     * {@code seed_scale}, test fixtures): Django keeps its defaults in the application, so each NOT
     * NULL column is set explicitly (docs/adr/0015-legacy-shadow-mapping.md).
     */
    private static final String TEAM_INSERT_COLUMNS = """
            name, tag, description, logo, name_ci, tag_ci, created_at, updated_at, game,
                banner_image, roster_image, banner, region, twitter, instagram, discord, youtube, twitch,
                linktree, slug, followers_count, posts_count, is_verified, is_featured, allow_posts,
                allow_followers, posts_require_approval, is_active, is_public, allow_join_requests,
                show_statistics, primary_game, total_points, adjust_points, hero_template, tagline,
                is_recruiting, show_roster_publicly, show_statistics_publicly, show_tournaments_publicly,
                show_achievements_publicly, members_can_post, require_post_approval, members_can_invite,
                auto_accept_join_requests, require_application_message, min_rank_requirement,
                hide_member_stats, hide_social_links, show_captain_only, logo_url""";

    /** What a writer gives for a new team: the columns of the source row {@code u}. */
    static final String TEAM_SOURCE =
            "name, tag, description, logo, created_at, game, banner_image, region, slug, active, logo_url";

    /** The values of {@link #TEAM_INSERT_COLUMNS}: the source row's, Django's defaults for the rest. */
    private static final String TEAM_INSERT_VALUES = """
            u.name, u.tag, u.description, u.logo, lower(u.name), lower(u.tag), u.created_at, now(), u.game,
                   u.banner_image, NULL, NULL, u.region, '', '', '', '', '',
                   '', u.slug, 0, 0, false, false, true,
                   true, false, u.active, u.active, true,
                   true, '', 0, 0, 'default', '',
                   false, true, true, true,
                   true, true, false, false,
                   false, true, '',
                   false, false, false, u.logo_url""";

    private static final String INSERT_TEAMS = "INSERT INTO teams_team (" + TEAM_INSERT_COLUMNS + ")\nSELECT "
            + TEAM_INSERT_VALUES + """

              FROM unnest(:names::varchar[], :tags::varchar[], :descriptions::text[], :logos::varchar[],
                          :createdAts::timestamptz[], :games::varchar[], :banners::varchar[], :regions::varchar[],
                          :slugs::varchar[], :actives::boolean[], :logoUrls::varchar[])
                   AS u(""" + TEAM_SOURCE + ")\nRETURNING id, name";

    /** Rows whose ids the writer took from the table's sequence: from a query of (id, TEAM_SOURCE). */
    private static final String INSERT_TEAMS_WITH_IDS = "INSERT INTO teams_team (id, " + TEAM_INSERT_COLUMNS
            + ")\nSELECT u.id, " + TEAM_INSERT_VALUES + "\n  FROM (%s) AS u(id, " + TEAM_SOURCE + ")";

    private static final String UPDATE_TEAMS = """
            UPDATE teams_team t
               SET name = u.name, name_ci = lower(u.name), slug = u.slug, game = u.game, region = u.region,
                   description = u.description,
                   logo = u.logo, banner_image = u.banner_image, logo_url = u.logo_url,
                   is_active = u.active, is_public = u.active, updated_at = now()
              FROM unnest(:ids::bigint[], :names::varchar[], :slugs::varchar[], :games::varchar[], :regions::varchar[],
                          :descriptions::text[], :logos::varchar[], :banners::varchar[], :logoUrls::varchar[],
                          :actives::boolean[])
                   AS u(id, name, slug, game, region, description, logo, banner_image, logo_url, active)
             WHERE t.id = u.id
            """;

    /**
     * The columns every new {@code teams_teammembership} row gets, for every writer, with Django's
     * permission cache on insert: OWNER gets all; a new MANAGER or CAPTAIN gets three
     * (docs/adr/0015-legacy-shadow-mapping.md). {@code user_id} comes from the profile in the same
     * statement (the row trigger then has nothing to do).
     */
    private static final String MEMBER_INSERT_COLUMNS = """
            team_id, profile_id, role, role_metadata, is_role_custom, role_tier, role_changed_at,
                role_changed_by_id, status, joined_at, left_at, roster_slot, player_role, is_captain,
                can_register_tournaments, can_withdraw_tournaments, can_submit_match_results,
                can_invite_members, can_remove_members, can_manage_roles, can_manage_permissions,
                can_edit_team_profile, can_edit_team_settings, can_manage_social_links, can_create_posts,
                can_manage_posts, can_manage_announcements, can_manage_finances, can_view_financial_reports,
                can_schedule_practice, can_manage_schedule, locked_for_tournament_id, locked_at, locked_until, user_id""";

    /** What a writer gives for a new membership: the columns of the source row {@code u}. */
    static final String MEMBER_SOURCE =
            "team_id, profile_id, role, metadata, status, joined_at, left_at, roster_slot, player_role, captain";

    /** The values of {@link #MEMBER_INSERT_COLUMNS}, {@code p} being the member's profile. */
    private static final String MEMBER_INSERT_VALUES = """
            u.team_id, u.profile_id, u.role, u.metadata::jsonb, false, 0, NULL,
                   NULL, u.status, u.joined_at, u.left_at, u.roster_slot, u.player_role, u.captain,
                   u.role = 'OWNER', u.role = 'OWNER', u.role = 'OWNER',
                   u.role = 'OWNER', u.role = 'OWNER', u.role = 'OWNER', u.role = 'OWNER',
                   u.role = 'OWNER', u.role = 'OWNER', u.role = 'OWNER', u.role IN ('OWNER', 'MANAGER', 'CAPTAIN'),
                   u.role = 'OWNER', u.role = 'OWNER', u.role = 'OWNER', u.role IN ('OWNER', 'MANAGER', 'CAPTAIN'),
                   u.role IN ('OWNER', 'MANAGER', 'CAPTAIN'), u.role = 'OWNER', NULL, NULL, NULL, p.user_id""";

    private static final String INSERT_MEMBERS = "INSERT INTO teams_teammembership (" + MEMBER_INSERT_COLUMNS
            + ")\nSELECT " + MEMBER_INSERT_VALUES + """

              FROM unnest(:teamIds::bigint[], :profileIds::bigint[], :roles::varchar[], :metadata::text[],
                          :statuses::varchar[], :joinedAts::timestamptz[], :leftAts::timestamptz[],
                          :slots::varchar[], :playerRoles::varchar[], :captains::boolean[])
                   AS u(""" + MEMBER_SOURCE + """
            )
              JOIN user_profile_userprofile p ON p.id = u.profile_id""";

    /** Memberships from a query of (MEMBER_SOURCE). */
    private static final String INSERT_MEMBERS_FROM = "INSERT INTO teams_teammembership (" + MEMBER_INSERT_COLUMNS
            + ")\nSELECT " + MEMBER_INSERT_VALUES + "\n  FROM (%s) AS u(" + MEMBER_SOURCE
            + ")\n  JOIN user_profile_userprofile p ON p.id = u.profile_id";

    /** Permission cache on update (docs/adr/0015): becoming OWNER sets every flag; otherwise they stay. */
    private static final String UPDATE_MEMBERS = """
            UPDATE teams_teammembership m
               SET role = u.role, status = u.status, roster_slot = u.roster_slot, player_role = u.player_role,
                   is_captain = u.captain, left_at = u.left_at,
                   role_changed_at = CASE WHEN m.role <> u.role THEN now() ELSE m.role_changed_at END,
                   role_metadata = m.role_metadata || u.metadata::jsonb,
                   can_register_tournaments = m.can_register_tournaments OR u.role = 'OWNER',
                   can_withdraw_tournaments = m.can_withdraw_tournaments OR u.role = 'OWNER',
                   can_submit_match_results = m.can_submit_match_results OR u.role = 'OWNER',
                   can_invite_members = m.can_invite_members OR u.role = 'OWNER',
                   can_remove_members = m.can_remove_members OR u.role = 'OWNER',
                   can_manage_roles = m.can_manage_roles OR u.role = 'OWNER',
                   can_manage_permissions = m.can_manage_permissions OR u.role = 'OWNER',
                   can_edit_team_profile = m.can_edit_team_profile OR u.role = 'OWNER',
                   can_edit_team_settings = m.can_edit_team_settings OR u.role = 'OWNER',
                   can_manage_social_links = m.can_manage_social_links OR u.role = 'OWNER',
                   can_create_posts = m.can_create_posts OR u.role = 'OWNER',
                   can_manage_posts = m.can_manage_posts OR u.role = 'OWNER',
                   can_manage_announcements = m.can_manage_announcements OR u.role = 'OWNER',
                   can_manage_finances = m.can_manage_finances OR u.role = 'OWNER',
                   can_view_financial_reports = m.can_view_financial_reports OR u.role = 'OWNER',
                   can_schedule_practice = m.can_schedule_practice OR u.role = 'OWNER',
                   can_manage_schedule = m.can_manage_schedule OR u.role = 'OWNER'
              FROM unnest(:ids::bigint[], :roles::varchar[], :statuses::varchar[], :slots::varchar[],
                          :playerRoles::varchar[], :captains::boolean[], :leftAts::timestamptz[], :metadata::text[])
                   AS u(id, role, status, roster_slot, player_role, captain, left_at, metadata)
             WHERE m.id = u.id
            """;

    /** What a vNext role name cannot contain, kept out of the JSON the writer builds by hand. */
    private static final Pattern NOT_A_ROLE_CHARACTER = Pattern.compile("[^A-Z_]");

    private final JdbcClient jdbc;

    LegacyShadowTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, LegacyTeamRow> teams(Collection<Long> ids) {
        Map<Long, LegacyTeamRow> teams = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(SELECT_TEAMS)
                    .param("ids", longs(ids))
                    .query(LegacyShadowTables::team)
                    .list()
                    .forEach(team -> teams.put(team.id(), team));
        }
        return teams;
    }

    /** Legacy teams holding any of these unique values. */
    List<LegacyTeamRow> holders(Collection<String> names, Collection<String> tags, Collection<String> slugs) {
        return jdbc.sql(SELECT_HOLDERS)
                .param("names", names.toArray(String[]::new))
                .param("tags", tags.toArray(String[]::new))
                .param("slugs", slugs.toArray(String[]::new))
                .query(LegacyShadowTables::team)
                .list();
    }

    List<LegacyMemberRow> members(Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_MEMBERS)
                .param("teamIds", longs(teamIds))
                .query(LegacyShadowTables::member)
                .list();
    }

    List<OneActiveTeamPerGame.Holder> activeElsewhere(Collection<Long> profileIds, Collection<Long> teamIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql(SELECT_ACTIVE_ELSEWHERE)
                .param("profileIds", longs(profileIds))
                .param("teamIds", longs(teamIds))
                .query((rs, row) -> new OneActiveTeamPerGame.Holder(
                        rs.getLong("profile_id"), rs.getString("game"), rs.getLong("team_id")))
                .list()
                .stream()
                .filter(holder -> holder.game() != null && !holder.game().isEmpty())
                .toList();
    }

    void lockProfiles(Collection<Long> profileIds) {
        if (!profileIds.isEmpty()) {
            jdbc.sql(LOCK_PROFILES)
                    .param("profileIds", profileIds.stream().sorted().distinct().toArray(Long[]::new))
                    .query(Long.class)
                    .single();
        }
    }

    /** Inserts the teams; returns the new legacy id of each, by name (unique). */
    Map<String, Long> insertTeams(List<LegacyTeamRow> rows, List<OffsetDateTime> createdAts) {
        Map<String, Long> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        jdbc.sql(INSERT_TEAMS)
                .param("names", strings(rows, LegacyTeamRow::name))
                .param("tags", strings(rows, LegacyTeamRow::tag))
                .param("descriptions", strings(rows, LegacyTeamRow::description))
                .param("logos", strings(rows, LegacyTeamRow::logo))
                .param(
                        "createdAts",
                        createdAts.stream().map(LegacyShadowTables::timestamp).toArray(String[]::new))
                .param("games", strings(rows, LegacyTeamRow::game))
                .param("banners", strings(rows, LegacyTeamRow::bannerImage))
                .param("regions", strings(rows, LegacyTeamRow::region))
                .param("slugs", strings(rows, LegacyTeamRow::slug))
                .param("actives", booleans(rows, LegacyTeamRow::active))
                .param("logoUrls", strings(rows, LegacyTeamRow::logoUrl))
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getLong("id")))
                .list()
                .forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
        return ids;
    }

    /**
     * Inserts the rows of a query returning {@code (id, }{@value #TEAM_SOURCE}{@code )}, the ids
     * taken from the table's sequence by the caller (set-based seed data that links its rows in the
     * same transaction); returns how many.
     */
    int insertTeamsWithIds(String sourceQuery) {
        return jdbc.sql(INSERT_TEAMS_WITH_IDS.formatted(sourceQuery)).update();
    }

    void updateTeams(List<LegacyTeamRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql(UPDATE_TEAMS)
                .param("ids", rows.stream().map(LegacyTeamRow::id).toArray(Long[]::new))
                .param("names", strings(rows, LegacyTeamRow::name))
                .param("slugs", strings(rows, LegacyTeamRow::slug))
                .param("games", strings(rows, LegacyTeamRow::game))
                .param("regions", strings(rows, LegacyTeamRow::region))
                .param("descriptions", strings(rows, LegacyTeamRow::description))
                .param("logos", strings(rows, LegacyTeamRow::logo))
                .param("banners", strings(rows, LegacyTeamRow::bannerImage))
                .param("logoUrls", strings(rows, LegacyTeamRow::logoUrl))
                .param("actives", booleans(rows, LegacyTeamRow::active))
                .update();
    }

    void insertMembers(List<LegacyMemberRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT_MEMBERS)
                .param("teamIds", rows.stream().map(LegacyMemberRow::teamId).toArray(Long[]::new))
                .param(
                        "profileIds",
                        rows.stream().map(LegacyMemberRow::profileId).toArray(Long[]::new))
                .param("roles", strings(rows, LegacyMemberRow::role))
                .param("metadata", strings(rows, LegacyShadowTables::metadata))
                .param("statuses", strings(rows, LegacyMemberRow::status))
                .param("joinedAts", strings(rows, row -> timestamp(row.joinedAt())))
                .param("leftAts", strings(rows, row -> timestamp(row.leftAt())))
                .param("slots", strings(rows, LegacyMemberRow::rosterSlot))
                .param("playerRoles", strings(rows, LegacyMemberRow::playerRole))
                .param("captains", booleans(rows, LegacyMemberRow::captain))
                .update();
    }

    /** Inserts the rows of a query returning {@code (}{@value #MEMBER_SOURCE}{@code )}; returns how many. */
    int insertMembersFrom(String sourceQuery) {
        return jdbc.sql(INSERT_MEMBERS_FROM.formatted(sourceQuery)).update();
    }

    int update(String updateSql) {
        return jdbc.sql(updateSql).update();
    }

    void updateMembers(List<LegacyMemberRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql(UPDATE_MEMBERS)
                .param("ids", rows.stream().map(LegacyMemberRow::id).toArray(Long[]::new))
                .param("roles", strings(rows, LegacyMemberRow::role))
                .param("statuses", strings(rows, LegacyMemberRow::status))
                .param("slots", strings(rows, LegacyMemberRow::rosterSlot))
                .param("playerRoles", strings(rows, LegacyMemberRow::playerRole))
                .param("captains", booleans(rows, LegacyMemberRow::captain))
                .param("leftAts", strings(rows, row -> timestamp(row.leftAt())))
                .param("metadata", strings(rows, LegacyShadowTables::metadata))
                .update();
    }

    /** What the shadow writer records in {@code role_metadata} (merged into what is there). */
    private static String metadata(LegacyMemberRow row) {
        StringBuilder json = new StringBuilder("{\"promoted_to_owner\": ")
                .append(row.promoted())
                .append(", \"held_back\": ")
                .append(row.heldBack());
        if (row.vnextMembershipId() != null) {
            json.append(", \"vnext_membership_id\": ").append(row.vnextMembershipId());
        }
        if (row.vnextRole() != null) {
            json.append(", \"vnext_role\": \"")
                    .append(NOT_A_ROLE_CHARACTER.matcher(row.vnextRole()).replaceAll(""))
                    .append('"');
        }
        return json.append('}').toString();
    }

    private static <T> String[] strings(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static <T> Boolean[] booleans(List<T> rows, Predicate<T> value) {
        return rows.stream().map(value::test).toArray(Boolean[]::new);
    }

    /** Distinct: a probe per key returns a key's rows once per occurrence (docs/adr/0031). */
    private static Long[] longs(Collection<Long> values) {
        return values.stream().distinct().toArray(Long[]::new);
    }

    private static String timestamp(OffsetDateTime value) {
        return value == null ? null : value.toString();
    }

    private static LegacyTeamRow team(ResultSet rs, int row) throws SQLException {
        return new LegacyTeamRow(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("tag"),
                rs.getString("slug"),
                rs.getString("game"),
                rs.getString("region"),
                rs.getString("description"),
                rs.getString("logo"),
                rs.getString("banner_image"),
                rs.getString("logo_url"),
                rs.getBoolean("is_active"),
                rs.getBoolean("is_public"));
    }

    private static LegacyMemberRow member(ResultSet rs, int row) throws SQLException {
        return new LegacyMemberRow(
                rs.getLong("id"),
                rs.getLong("team_id"),
                rs.getLong("profile_id"),
                rs.getString("role"),
                rs.getString("status"),
                rs.getString("roster_slot"),
                rs.getString("player_role"),
                rs.getBoolean("is_captain"),
                rs.getObject("joined_at", OffsetDateTime.class),
                rs.getObject("left_at", OffsetDateTime.class),
                rs.getBoolean("all_permissions"),
                rs.getObject("vnext_membership_id", Long.class),
                rs.getString("vnext_role"),
                rs.getBoolean("promoted"),
                rs.getBoolean("held_back"));
    }
}
