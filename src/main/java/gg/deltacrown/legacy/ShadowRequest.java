package gg.deltacrown.legacy;

import java.util.List;

/**
 * Bring the legacy shadow of one vNext team to this state.
 *
 * @param legacyTeamId the mapped legacy team, or null when the team has no shadow yet
 */
public record ShadowRequest(ShadowTeam team, List<ShadowMember> members, Long legacyTeamId) {}
