package gg.deltacrown.teams;

/** A membership's role or roster slot was saved (possibly unchanged). */
public record MemberRoleChanged(long teamId, String teamSlug, long membershipId, long actorUserId)
        implements MembershipEvent {}
