package gg.deltacrown.legacy;

import java.time.OffsetDateTime;

/**
 * A vNext membership to mirror. Legacy keeps one row per (team, profile), so the shadow writer
 * mirrors, per user, the ACTIVE membership if there is one, else the latest.
 *
 * @param profileId the user's {@code user_profile_userprofile} id; null when the user has none
 *     (no legacy row can exist for them)
 */
public record ShadowMember(
        long vnextMembershipId,
        long userId,
        Long profileId,
        String role,
        String status,
        String rosterSlot,
        String playerRole,
        boolean captain,
        OffsetDateTime joinedAt,
        OffsetDateTime leftAt) {}
