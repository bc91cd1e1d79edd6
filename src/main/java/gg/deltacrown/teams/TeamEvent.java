package gg.deltacrown.teams;

/**
 * Something that happened to a vNext team, published by the team module inside the transaction
 * that made it (docs/adr/0018-teams-publish-events-migration-listens.md). Listeners run
 * synchronously in that transaction: one that throws rolls the change back, and the exception
 * reaches the caller of the module API.
 */
public sealed interface TeamEvent permits TeamCreated, TeamSettingsChanged, MembershipEvent {

    long teamId();

    /** The slug at the time of the change, for log lines. */
    String teamSlug();

    /** Who made the change. */
    long actorUserId();
}
