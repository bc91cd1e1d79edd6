package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes to {@code teams_team} and {@code teams_teammembership}, the way Django's ORM would: every
 * NOT NULL column set explicitly (Django keeps defaults in the application) and the permission
 * cache of spec 2.12 applied on insert. Callers open the {@link LegacyWriteBypass} first.
 */
@Repository
public class LegacyTeams {

    private static final String INSERT_TEAM = """
            INSERT INTO teams_team (
                name, tag, description, logo, name_ci, tag_ci, created_at, updated_at, game,
                banner_image, roster_image, banner, region, twitter, instagram, discord, youtube, twitch,
                linktree, slug, followers_count, posts_count, is_verified, is_featured, allow_posts,
                allow_followers, posts_require_approval, is_active, is_public, allow_join_requests,
                show_statistics, primary_game, total_points, adjust_points, hero_template, tagline,
                is_recruiting, show_roster_publicly, show_statistics_publicly, show_tournaments_publicly,
                show_achievements_publicly, members_can_post, require_post_approval, members_can_invite,
                auto_accept_join_requests, require_application_message, min_rank_requirement,
                hide_member_stats, hide_social_links, show_captain_only, logo_url)
            VALUES (
                :name, :tag, :description, :logo, NULL, NULL, :createdAt, :createdAt, :game,
                :bannerImage, NULL, NULL, :region, '', '', '', '', '',
                '', :slug, 0, 0, false, false, true,
                true, false, :active, :active, true,
                true, '', 0, 0, 'default', '',
                false, true, true, true,
                true, true, false, false,
                false, true, '',
                false, false, false, :logoUrl)
            RETURNING id
            """;

    private static final String INSERT_MEMBERSHIP = """
            INSERT INTO teams_teammembership (
                team_id, profile_id, role, role_metadata, is_role_custom, role_tier, role_changed_at,
                role_changed_by_id, status, joined_at, left_at, roster_slot, player_role, is_captain,
                can_register_tournaments, can_withdraw_tournaments, can_submit_match_results,
                can_invite_members, can_remove_members, can_manage_roles, can_manage_permissions,
                can_edit_team_profile, can_edit_team_settings, can_manage_social_links, can_create_posts,
                can_manage_posts, can_manage_announcements, can_manage_finances, can_view_financial_reports,
                can_schedule_practice, can_manage_schedule, locked_for_tournament_id, locked_at, locked_until)
            VALUES (
                :teamId, :profileId, :role, '{}'::jsonb, false, 0, NULL,
                NULL, :status, :joinedAt, :leftAt, :rosterSlot, '', false,
                :owner, :owner, :owner,
                :owner, :owner, :owner, :owner,
                :owner, :owner, :owner, :ownerOrManager,
                :owner, :owner, :owner, :ownerOrManager,
                :ownerOrManager, :owner, NULL, NULL, NULL)
            RETURNING id
            """;

    private final JdbcClient jdbc;

    LegacyTeams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertTeam(NewLegacyTeam team, OffsetDateTime createdAt) {
        return jdbc.sql(INSERT_TEAM)
                .param("name", team.name())
                .param("tag", team.tag())
                .param("description", team.description() == null ? "" : team.description())
                .param("logo", team.logo())
                .param("createdAt", createdAt)
                .param("game", team.game())
                .param("bannerImage", team.bannerImage())
                .param("region", team.region() == null ? "" : team.region())
                .param("slug", team.slug())
                .param("active", team.active())
                .param("logoUrl", team.logoUrl())
                .query(Long.class)
                .single();
    }

    /**
     * Inserts a membership with the permission cache of spec 2.12: OWNER gets every permission; a
     * new MANAGER or CAPTAIN gets posts, practice scheduling and financial reports.
     */
    public long insertMembership(
            long teamId, long profileId, String role, String status, String rosterSlot,
            OffsetDateTime joinedAt, OffsetDateTime leftAt) {
        boolean owner = LegacyRole.OWNER.equals(role);
        boolean ownerOrManager = owner || LegacyRole.MANAGER.equals(role) || LegacyRole.CAPTAIN.equals(role);
        return jdbc.sql(INSERT_MEMBERSHIP)
                .param("teamId", teamId)
                .param("profileId", profileId)
                .param("role", role)
                .param("status", status)
                .param("joinedAt", joinedAt)
                .param("leftAt", leftAt)
                .param("rosterSlot", rosterSlot)
                .param("owner", owner)
                .param("ownerOrManager", ownerOrManager)
                .query(Long.class)
                .single();
    }
}
