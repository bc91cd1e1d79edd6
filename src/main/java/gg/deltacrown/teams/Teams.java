package gg.deltacrown.teams;

import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * vNext teams (module API): create, read, change settings. Every write runs in one transaction,
 * publishes its {@link TeamEvent} inside it (a listener that throws rolls it back) and is logged
 * after commit. The REST endpoints and the pages both come through here, so the same rules apply to
 * both.
 */
@Service
public class Teams {

    private static final Logger log = LoggerFactory.getLogger(Teams.class);
    private static final int SLUG_ATTEMPTS = 11;

    private final TeamStore teams;
    private final MembershipStore memberships;
    private final OrganizationStore organizations;
    private final TeamPermissions permissions;
    private final VnextGate gate;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Teams(
            TeamStore teams,
            MembershipStore memberships,
            OrganizationStore organizations,
            TeamPermissions permissions,
            VnextGate gate,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.teams = teams;
        this.memberships = memberships;
        this.organizations = organizations;
        this.permissions = permissions;
        this.gate = gate;
        this.events = events;
        this.transactions = transactions;
    }

    /** The active teams a user owns or plays in, with the user's role, by name ("My teams"). */
    public List<UserTeam> ofUser(long userId) {
        return teams.ofUser(userId);
    }

    /** The creation gate ({@link VnextGate}) on its own: endpoints check it before they read the body. */
    public void checkCreationAllowed(long userId) {
        gate.checkCreation("team", userId);
    }

    /**
     * Creates a team. Independent (no organisation): owned by the requester, who also gets an
     * ACTIVE OWNER membership. Org-owned: the requester must be the organisation's CEO or manager.
     */
    public CreatedTeam create(long userId, NewTeam input) {
        gate.checkCreation("team", userId);
        NewTeam team = input.validated();
        CreatedTeam created = transactions.execute(status -> insert(team, userId));
        log.atInfo()
                .addKeyValue("event_type", "team_created")
                .addKeyValue("team_id", created.id())
                .addKeyValue("team_slug", created.slug())
                .addKeyValue("organization_id", created.organizationId())
                .addKeyValue("is_org_owned", created.organizationId() != null)
                .addKeyValue("user_id", userId)
                .log("Team created: {} (ID: {}) by user {}", created.slug(), created.id(), userId);
        return created;
    }

    public TeamDetail detail(String slug, long userId) {
        Team team = teams.bySlug(slug).orElseThrow(() -> notFound(slug));
        log.atInfo()
                .addKeyValue("event_type", "team_detail_accessed")
                .addKeyValue("team_id", team.id())
                .addKeyValue("team_slug", team.slug())
                .addKeyValue("user_id", userId)
                .log("Team detail accessed: {}", team.slug());
        return new TeamDetail(team, memberships.activeRoster(team.id()));
    }

    public boolean canManage(Team team, long userId) {
        return permissions.canManage(team, userId);
    }

    /** Applies the given settings (null fields unchanged) and returns the team as saved. */
    public Team updateSettings(String slug, long userId, TeamSettings input) {
        gate.checkWrite("team_settings_update", userId);
        teams.bySlug(slug).orElseThrow(() -> notFound(slug));
        TeamSettings settings = input.validated();
        Team updated = transactions.execute(status -> {
            Team team = teams.lockBySlug(slug).orElseThrow(() -> notFound(slug));
            if (!permissions.canManage(team, userId)) {
                throw TeamPermissions.refusal(team, "update settings");
            }
            teams.updateSettings(team.withSettings(settings));
            events.publishEvent(new TeamSettingsChanged(team.id(), team.slug(), userId));
            return teams.byId(team.id()).orElseThrow();
        });
        log.atInfo()
                .addKeyValue("event_type", "team_settings_updated")
                .addKeyValue("team_id", updated.id())
                .addKeyValue("team_slug", updated.slug())
                .addKeyValue("user_id", userId)
                .log("Team settings updated: {}", updated.slug());
        return updated;
    }

    static RefusedException notFound(String slug) {
        return Refusal.TEAM_NOT_FOUND.because("Team not found: " + Text.shortened(slug));
    }

    private void checkOrganization(long organizationId, long userId) {
        long ceoId = organizations
                .ceoOf(organizationId)
                .orElseThrow(() -> Refusal.ORGANIZATION_NOT_FOUND.because(
                        "Organization with ID " + organizationId + " does not exist.",
                        "The specified organization was not found."));
        if (!permissions.managesOrganization(organizationId, ceoId, userId)) {
            log.atWarn()
                    .addKeyValue("event_type", "team_creation_permission_denied")
                    .addKeyValue("user_id", userId)
                    .addKeyValue("organization_id", organizationId)
                    .log("User {} may not create teams for organization {}", userId, organizationId);
            throw Refusal.PERMISSION_DENIED.because(
                    "You must be CEO or manager to create org-owned teams.",
                    "You don't have permission to create teams for this organization.");
        }
    }

    /**
     * One statement in the common case (docs/adr/0028-dual-write-hot-paths.md): the base slug, the
     * owner's membership with it, and for an organisation team the CEO check inside the insert.
     * When no row comes back, the organisation is checked the long way (refusing, or letting a
     * manager through) and the free slugs are looked up.
     */
    private CreatedTeam insert(NewTeam team, long userId) {
        Long ownerId = team.isOrganizationTeam() ? null : userId;
        boolean checked = !team.isOrganizationTeam();
        String base = TeamSlugs.base(team.name());
        for (int attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
            String slug = attempt == 0 ? base : TeamSlugs.firstFree(base, teams.takenSlugs(base));
            OptionalLong id = insertOrConflict(team, slug, ownerId, checked ? null : userId);
            if (id.isPresent()) {
                events.publishEvent(new TeamCreated(id.getAsLong(), slug, userId));
                return new CreatedTeam(id.getAsLong(), slug, team.organizationId());
            }
            if (!checked) {
                checkOrganization(team.organizationId(), userId);
                checked = true;
            }
        }
        throw new IllegalStateException("no free slug for '" + base + "' after " + SLUG_ATTEMPTS + " attempts");
    }

    private OptionalLong insertOrConflict(NewTeam team, String slug, Long ownerId, Long ceoGuard) {
        try {
            return teams.insert(team, slug, ownerId, ceoGuard);
        } catch (DuplicateKeyException e) {
            if (Constraints.violated(e)
                    .filter("one_independent_team_per_game"::equals)
                    .isPresent()) {
                throw Refusal.ONE_TEAM_PER_GAME.because(
                        "You already own an active independent team for game " + team.gameId() + ".",
                        "You already have a team for this game.");
            }
            throw e;
        }
    }
}
