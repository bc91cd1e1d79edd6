package gg.deltacrown.teams;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who may change a team's roster and settings (README, "Who may do what"): its owner ({@code owner_id}), an
 * ACTIVE OWNER or MANAGER on its roster, and for an org-owned team the organisation's CEO and
 * managers.
 */
@Component
class TeamPermissions {

    private static final List<String> ORGANIZATION_MANAGERS = List.of("CEO", "MANAGER");

    private final MembershipStore memberships;
    private final OrganizationStore organizations;

    TeamPermissions(MembershipStore memberships, OrganizationStore organizations) {
        this.memberships = memberships;
        this.organizations = organizations;
    }

    boolean canManage(Team team, long userId) {
        if (team.ownerId() != null && team.ownerId() == userId) {
            return true;
        }
        // The team row carries its organisation's CEO: no query for the CEO.
        if (team.isOrganizationTeam() && team.organization().ceoId() == userId) {
            return true;
        }
        boolean rosterManager = memberships
                .activeRole(team.id(), userId)
                .map(TeamRole::managesTeam)
                .orElse(false);
        return rosterManager
                || (team.isOrganizationTeam()
                        && managesOrganization(
                                team.organization().id(), team.organization().ceoId(), userId));
    }

    boolean managesOrganization(long organizationId, long ceoId, long userId) {
        return ceoId == userId
                || organizations
                        .staffRole(organizationId, userId)
                        .filter(ORGANIZATION_MANAGERS::contains)
                        .isPresent();
    }

    /** The refusal when someone else tries: its message depends on the kind of team. */
    static RefusedException refusal(Team team, String action) {
        return Refusal.INSUFFICIENT_PERMISSIONS.because(
                team.isOrganizationTeam()
                        ? "Only organization managers or team managers can " + action
                        : "Only team owner or managers can " + action);
    }
}
