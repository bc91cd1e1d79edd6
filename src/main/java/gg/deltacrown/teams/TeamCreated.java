package gg.deltacrown.teams;

/** A team was created, with its OWNER membership when it is independent. */
public record TeamCreated(long teamId, String teamSlug, long actorUserId) implements TeamEvent {}
