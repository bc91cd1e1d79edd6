package gg.deltacrown.teams;

/** A change to one place on a team's roster. */
public sealed interface MembershipEvent extends TeamEvent permits MemberAdded, MemberRoleChanged, MemberRemoved {

    long membershipId();
}
