package gg.deltacrown.migration;

import gg.deltacrown.teams.MembershipEvent;

/**
 * A committed-or-committing vNext change whose legacy shadow must follow.
 *
 * @param membershipId the vNext membership for member operations, else null
 * @param actorUserId who made the change (the map row's {@code migrated_by_id})
 * @param teamSlug for the logs the runbook greps
 */
public record ShadowChange(SyncOperation operation, long teamId, Long membershipId, Long actorUserId, String teamSlug)
        implements ShadowSync.Change {

    public static ShadowChange teamCreated(long teamId, long actorUserId, String teamSlug) {
        return new ShadowChange(SyncOperation.TEAM_CREATED, teamId, null, actorUserId, teamSlug);
    }

    public static ShadowChange settingsUpdated(long teamId, long actorUserId, String teamSlug) {
        return new ShadowChange(SyncOperation.SETTINGS_UPDATED, teamId, null, actorUserId, teamSlug);
    }

    public static ShadowChange member(SyncOperation operation, MembershipEvent event) {
        return new ShadowChange(operation, event.teamId(), event.membershipId(), event.actorUserId(), event.teamSlug());
    }
}
