package gg.deltacrown.migration.backfill;

/**
 * A conflict a backfill met and how it was resolved (or why the team was skipped).
 *
 * @param vnextTeamId the vNext team made for the legacy team, null when it was skipped
 * @param kind {@code no_owner}, {@code organization_unavailable}, {@code unknown_game},
 *     {@code slug_taken}, {@code owner_has_team_for_game}, {@code membership_without_user},
 *     {@code owner_promoted}, {@code legacy_value_without_vnext_value}, {@code failed}
 */
public record Conflict(long legacyTeamId, Long vnextTeamId, String kind, String detail, String resolution) {}
