package gg.deltacrown.teams;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * vNext team rosters (module API): add a member, change a role, remove a member. Each
 * change locks the team row, then the membership row, checks who asks ({@link TeamPermissions}),
 * writes, publishes its {@link MembershipEvent} in the same transaction, and is logged after commit.
 */
@Service
public class Memberships {

    private static final Logger log = LoggerFactory.getLogger(Memberships.class);

    private final TeamStore teams;
    private final MembershipStore memberships;
    private final TeamPermissions permissions;
    private final Accounts accounts;
    private final VnextGate gate;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Memberships(
            TeamStore teams,
            MembershipStore memberships,
            TeamPermissions permissions,
            Accounts accounts,
            VnextGate gate,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.teams = teams;
        this.memberships = memberships;
        this.permissions = permissions;
        this.accounts = accounts;
        this.gate = gate;
        this.events = events;
        this.transactions = transactions;
    }

    /** The kill switch on its own: endpoints check it before they read the body. */
    public void checkWritesAllowed(String operation, long userId) {
        gate.checkWrite(operation, userId);
    }

    public AddedMember add(String slug, long userId, NewMember input) {
        gate.checkWrite("team_member_add", userId);
        AddedMember added = transactions.execute(status -> {
            Team team = teams.lockBySlug(slug).orElseThrow(() -> Teams.notFound(slug));
            if (blank(input.userLookup()) || blank(input.role())) {
                throw Refusal.MISSING_FIELDS.because("user_lookup and role are required");
            }
            if (!permissions.canManage(team, userId)) {
                throw TeamPermissions.refusal(team, "add members");
            }
            TeamRole role = role(input.role());
            if (role == TeamRole.OWNER) {
                checkNewOwner(team);
            }
            RosterSlot slot = slot(input.slot());
            Account user = accounts.lookup(input.userLookup())
                    .filter(Account::active)
                    .orElseThrow(() -> Refusal.USER_NOT_FOUND.because("User not found"));
            if (role == TeamRole.OWNER && (team.ownerId() == null || team.ownerId() != user.id())) {
                throw ownerExists();
            }
            long id = insert(team, user, role, slot, input.active());
            events.publishEvent(new MemberAdded(team.id(), team.slug(), id, userId));
            // An active member is on the roster the response carries anyway: no read of its own.
            List<Membership> roster = memberships.activeRoster(team.id());
            Membership member = roster.stream()
                    .filter(m -> m.id() == id)
                    .findFirst()
                    .orElseGet(() -> memberships.byId(id).orElseThrow());
            return new AddedMember(member, roster);
        });
        Membership member = added.member();
        log.atInfo()
                .addKeyValue("event_type", "team_member_added")
                .addKeyValue("membership_id", member.id())
                .addKeyValue("team_id", member.teamId())
                .addKeyValue("team_slug", slug)
                .addKeyValue("user_id", userId)
                .addKeyValue("member_user_id", member.userId())
                .addKeyValue("role", member.role())
                .log("Member {} added to team {} as {}", member.username(), slug, member.role());
        return added;
    }

    /** Changes the role and/or slot; an empty change saves nothing and still succeeds. */
    public Membership changeRole(String slug, long membershipId, long userId, RoleChange change) {
        gate.checkWrite("team_member_role_update", userId);
        RoleChanged changed = transactions.execute(status -> {
            Team team = teams.lockBySlug(slug).orElseThrow(() -> Teams.notFound(slug));
            Membership membership = lockOnTeam(membershipId, team);
            if (!permissions.canManage(team, userId)) {
                throw TeamPermissions.refusal(team, "update roles");
            }
            if (membership.isOwner() && !team.isOrganizationTeam()) {
                throw Refusal.CANNOT_CHANGE_OWNER.because(
                        "Cannot change OWNER role on independent teams (transfer ownership not implemented)");
            }
            TeamRole role = blank(change.role()) ? membership.role() : role(change.role());
            if (role == TeamRole.OWNER && !membership.isOwner()) {
                if (team.isOrganizationTeam()) {
                    throw Refusal.CANNOT_CHANGE_OWNER.because(
                            "Organization-owned teams cannot have OWNER role members");
                }
                checkNewOwner(team);
                if (team.ownerId() == null || team.ownerId() != membership.userId()) {
                    throw ownerExists();
                }
            }
            String slot = blank(change.slot())
                    ? membership.rosterSlot()
                    : slot(change.slot()).name();
            memberships.updateRole(membership.id(), role, slot);
            events.publishEvent(new MemberRoleChanged(team.id(), team.slug(), membership.id(), userId));
            return new RoleChanged(membership, memberships.byId(membership.id()).orElseThrow());
        });
        Membership updated = changed.after();
        log.atInfo()
                .addKeyValue("event_type", "team_member_role_updated")
                .addKeyValue("membership_id", updated.id())
                .addKeyValue("team_id", updated.teamId())
                .addKeyValue("team_slug", slug)
                .addKeyValue("user_id", userId)
                .addKeyValue("old_role", changed.before().role())
                .addKeyValue("new_role", updated.role())
                .log("Member {} of team {} is now {}", updated.username(), slug, updated.role());
        return updated;
    }

    /** Soft delete (INACTIVE, left_at, 'Removed by manager'); returns the ACTIVE roster after it. */
    public List<Membership> remove(String slug, long membershipId, long userId) {
        gate.checkWrite("team_member_remove", userId);
        Removal removal = transactions.execute(status -> {
            Team team = teams.lockBySlug(slug).orElseThrow(() -> Teams.notFound(slug));
            Membership membership = lockOnTeam(membershipId, team);
            if (!permissions.canManage(team, userId)) {
                throw TeamPermissions.refusal(team, "remove members");
            }
            if (membership.isOwner() && !team.isOrganizationTeam()) {
                throw Refusal.CANNOT_REMOVE_OWNER.because(
                        "Cannot remove OWNER from independent teams (transfer ownership first)");
            }
            memberships.deactivate(membership.id());
            events.publishEvent(new MemberRemoved(team.id(), team.slug(), membership.id(), userId));
            return new Removal(team.id(), memberships.activeRoster(team.id()));
        });
        log.atInfo()
                .addKeyValue("event_type", "team_member_removed")
                .addKeyValue("membership_id", membershipId)
                .addKeyValue("team_id", removal.teamId())
                .addKeyValue("team_slug", slug)
                .addKeyValue("user_id", userId)
                .log("Membership {} removed from team {}", membershipId, slug);
        return removal.roster();
    }

    public List<Membership> activeRoster(long teamId) {
        return memberships.activeRoster(teamId);
    }

    /** The membership, locked, if it belongs to this team; another team's membership is "not found" too. */
    private Membership lockOnTeam(long membershipId, Team team) {
        return memberships
                .lock(membershipId)
                .filter(membership -> membership.teamId() == team.id())
                .orElseThrow(() -> Refusal.MEMBERSHIP_NOT_FOUND.because("Membership not found: " + membershipId));
    }

    private void checkNewOwner(Team team) {
        if (team.isOrganizationTeam()) {
            throw Refusal.MEMBER_ALREADY_EXISTS.because("Organization-owned teams cannot have OWNER role members");
        }
        if (memberships.hasActiveOwner(team.id())) {
            throw ownerExists();
        }
    }

    /**
     * An active member twice is refused by the unique index ({@code one_active_membership_per_user_team})
     * without a read first; an invited one is not covered by the index, so it is checked.
     */
    private long insert(Team team, Account user, TeamRole role, RosterSlot slot, boolean active) {
        if (!active && memberships.activeRole(team.id(), user.id()).isPresent()) {
            throw alreadyMember(user);
        }
        try {
            return memberships.insert(team.id(), user.id(), role, slot, active);
        } catch (DuplicateKeyException e) {
            throw alreadyMember(user);
        }
    }

    private static RefusedException alreadyMember(Account user) {
        return Refusal.MEMBER_ALREADY_EXISTS.because(
                "User " + user.username() + " already has an active membership on this team");
    }

    private static RefusedException ownerExists() {
        return Refusal.OWNER_ALREADY_EXISTS.because(
                "This team already has an owner (transfer ownership not implemented)");
    }

    private static TeamRole role(String value) {
        return TeamRole.parse(value)
                .orElseThrow(() -> Refusal.INVALID_ROLE.because("Invalid role: " + Text.shortened(value)));
    }

    /** Null or blank: no slot. */
    private static RosterSlot slot(String value) {
        if (blank(value)) {
            return null;
        }
        return RosterSlot.parse(value)
                .orElseThrow(() -> Refusal.VALIDATION_ERROR.because("Invalid roster slot: " + Text.shortened(value)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private record RoleChanged(Membership before, Membership after) {}

    private record Removal(long teamId, List<Membership> roster) {}
}
