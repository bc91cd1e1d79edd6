package gg.deltacrown.teams;

/**
 * A team a user belongs to, as "My teams" lists it.
 *
 * @param role the user's role on the roster (OWNER, MANAGER, PLAYER...); {@code OWNER} for the team's
 *     owner even without a roster entry
 */
public record UserTeam(long id, String name, String slug, int gameId, String region, String role) {}
