package gg.deltacrown.teams;

/** A membership was added to a roster (ACTIVE, or INVITED). */
public record MemberAdded(long teamId, String teamSlug, long membershipId, long actorUserId)
        implements MembershipEvent {}
