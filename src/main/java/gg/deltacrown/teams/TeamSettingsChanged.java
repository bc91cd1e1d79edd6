package gg.deltacrown.teams;

/** A team's settings (region, description, server, branding) were saved. */
public record TeamSettingsChanged(long teamId, String teamSlug, long actorUserId) implements TeamEvent {}
