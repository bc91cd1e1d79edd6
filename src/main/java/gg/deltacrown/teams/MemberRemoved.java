package gg.deltacrown.teams;

/** A membership was removed from the roster (soft delete: INACTIVE). */
public record MemberRemoved(long teamId, String teamSlug, long membershipId, long actorUserId)
        implements MembershipEvent {}
