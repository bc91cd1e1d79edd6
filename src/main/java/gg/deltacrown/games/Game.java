package gg.deltacrown.games;

/**
 * A game as vNext ({@code organizations_team.game_id}) and legacy ({@code teams_team.game}) know it.
 *
 * @param id the vNext game id
 * @param legacySlug the slug of the legacy game registry
 * @param name the display name
 */
public record Game(int id, String legacySlug, String name) {}
