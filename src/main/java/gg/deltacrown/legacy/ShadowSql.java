package gg.deltacrown.legacy;

import gg.deltacrown.games.Games;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shadow writer's value mapping ({@link LegacyMapping}, {@link ShadowPlanner}) as SQL, for the
 * full verification: for every legacy column the writer sets, the expression of its expected value
 * over the vNext row and the expression of the legacy row's value in the same form. Built from the
 * same constants and maps as the Java mapping; {@code ShadowSqlAgreementIntegrationTests} checks
 * both on generated rows. What SQL cannot know cheaply (uniqueness suffixes, owner promotion, the
 * current row of a user with several) is left to the writer's own planner: a row that differs here
 * is re-checked with {@link ShadowCheck}, so the SQL may be stricter than the writer, never looser.
 *
 * <p>Aliases: {@code vt} {@code organizations_team}, {@code lt} {@code teams_team}, {@code v}
 * {@code organizations_membership}, {@code l} {@code teams_teammembership}, as passed in.
 */
public final class ShadowSql {

    /** How a column's values are hashed: text, a boolean, a bigint or a timestamp. */
    public enum Type {
        TEXT,
        BOOLEAN,
        BIGINT,
        TIMESTAMP
    }

    /**
     * A legacy column the shadow writer sets: {@code expected} is computed from the vNext row,
     * {@code actual} reads the legacy row; both have the same type.
     */
    public record Column(String name, Type type, String expected, String actual) {}

    private static final String PERMISSIONS = List.of(
                    "can_register_tournaments",
                    "can_withdraw_tournaments",
                    "can_submit_match_results",
                    "can_invite_members",
                    "can_remove_members",
                    "can_manage_roles",
                    "can_manage_permissions",
                    "can_edit_team_profile",
                    "can_edit_team_settings",
                    "can_manage_social_links",
                    "can_create_posts",
                    "can_manage_posts",
                    "can_manage_announcements",
                    "can_manage_finances",
                    "can_view_financial_reports",
                    "can_schedule_practice",
                    "can_manage_schedule")
            .stream()
            .map(column -> "%1$s." + column)
            .collect(Collectors.joining(" AND "));

    /** An OWNER row without every permission flag: never what the writer leaves (ADR 0015). */
    public static final String OWNER_WITHOUT_PERMISSIONS = "OWNER (permissions incomplete)";

    private ShadowSql() {}

    /** The {@code teams_team} columns the writer sets, except {@code tag} (set once, on insert). */
    public static List<Column> teamColumns(String vt, String lt) {
        String active = vt + ".status = 'ACTIVE'";
        return List.of(
                text("name", "left(%s.name, %d)".formatted(vt, LegacyMapping.NAME_MAX), lt),
                text("slug", "left(%s.slug, %d)".formatted(vt, LegacyMapping.SLUG_MAX), lt),
                text("game", legacyGame(vt + ".game_id"), lt),
                text("region", "left(coalesce(%s.region, ''), %d)".formatted(vt, LegacyMapping.REGION_MAX), lt),
                text("description", "coalesce(%s.description, '')".formatted(vt), lt),
                text("logo", vt + ".logo", lt),
                new Column("banner_image", Type.TEXT, vt + ".banner", lt + ".banner_image"),
                text("logo_url", "left(%s.branding ->> 'logo_url', %d)".formatted(vt, LegacyMapping.LOGO_URL_MAX), lt),
                new Column("is_active", Type.BOOLEAN, active, lt + ".is_active"),
                new Column("is_public", Type.BOOLEAN, active, lt + ".is_public"));
    }

    /**
     * The {@code teams_teammembership} columns the writer sets, for a vNext membership row and its
     * legacy row (the legacy row of the same team and user). An OWNER row reads as
     * {@link #OWNER_WITHOUT_PERMISSIONS} when a permission flag is off, and a row the writer
     * promoted to OWNER (Django's owner promotion, marked in {@code role_metadata}) reads as the role
     * it had before, so a promotion alone does not make a row differ.
     * The legacy model's rules apply (docs/adr/0015): a non-ACTIVE OWNER is expected as PLAYER, the
     * captain title only on ACTIVE owners, managers, players and substitutes. A membership kept
     * PENDING for the one-active-team-per-game rule (docs/adr/0023) differs here; {@link ShadowCheck}
     * decides it.
     */
    public static List<Column> memberColumns(String v, String l) {
        String status = caseOf(v + ".status", LegacyMapping.STATUSES, "'" + LegacyMapping.DEFAULT_STATUS + "'");
        String actualRole = """
                CASE WHEN %1$s.role = 'OWNER' THEN
                  CASE WHEN NOT (%2$s) THEN '%3$s'
                       WHEN %1$s.role_metadata @> '{"promoted_to_owner": true}' THEN %4$s
                       ELSE 'OWNER' END
                ELSE %1$s.role END""".formatted(
                        l,
                        PERMISSIONS.formatted(l),
                        OWNER_WITHOUT_PERMISSIONS,
                        legacyRole("(" + l + ".role_metadata ->> 'vnext_role')"));
        String mappedRole = legacyRole(v + ".role");
        String expectedRole = "CASE WHEN %s <> 'ACTIVE' AND %s IN (%s) THEN '%s' ELSE %s END"
                .formatted(
                        status,
                        mappedRole,
                        quoted(LegacyMapping.ACTIVE_ONLY_ROLES),
                        LegacyMapping.role("PLAYER"),
                        mappedRole);
        return List.of(
                new Column("user_id", Type.BIGINT, v + ".user_id", l + ".user_id"),
                new Column("role", Type.TEXT, expectedRole, actualRole),
                new Column("status", Type.TEXT, status, l + ".status"),
                new Column("roster_slot", Type.TEXT, v + ".roster_slot", l + ".roster_slot"),
                new Column(
                        "player_role",
                        Type.TEXT,
                        "left(coalesce(%s.player_role, ''), %d)".formatted(v, LegacyMapping.PLAYER_ROLE_MAX),
                        l + ".player_role"),
                new Column(
                        "is_captain",
                        Type.BOOLEAN,
                        "(%s.is_tournament_captain AND %s = 'ACTIVE' AND %s IN (%s))"
                                .formatted(v, status, mappedRole, quoted(LegacyMapping.CAPTAIN_ROLES)),
                        l + ".is_captain"),
                new Column(
                        "left_at",
                        Type.TIMESTAMP,
                        "CASE WHEN %s = 'REMOVED' THEN %s.left_at END".formatted(status, v),
                        l + ".left_at"));
    }

    /** vNext role to legacy role as SQL, {@link LegacyMapping#role} (unknown roles become PLAYER). */
    public static String legacyRole(String vnextRole) {
        return caseOf(vnextRole, LegacyMapping.ROLES, "'" + LegacyMapping.DEFAULT_ROLE + "'");
    }

    /** vNext {@code game_id} to the legacy game slug ({@code ''} for an unknown game), {@link Games}. */
    public static String legacyGame(String gameId) {
        return Games.all().stream()
                .map(game -> "WHEN " + game.id() + " THEN '" + game.legacySlug() + "'")
                .collect(Collectors.joining(" ", "CASE " + gameId + " ", " ELSE '' END"));
    }

    private static Column text(String name, String expected, String lt) {
        return new Column(name, Type.TEXT, expected, lt + "." + name);
    }

    private static String quoted(Collection<String> values) {
        return values.stream().sorted().map(value -> "'" + value + "'").collect(Collectors.joining(", "));
    }

    private static String caseOf(String column, Map<String, String> mapping, String otherwise) {
        return mapping.entrySet().stream()
                .map(entry -> "WHEN '" + entry.getKey() + "' THEN '" + entry.getValue() + "'")
                .collect(Collectors.joining(" ", "CASE " + column + " ", " ELSE " + otherwise + " END"));
    }
}
