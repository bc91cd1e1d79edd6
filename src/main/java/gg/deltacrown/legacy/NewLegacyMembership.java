package gg.deltacrown.legacy;

import java.time.OffsetDateTime;

/**
 * The legacy membership columns a direct writer sets (legacy role and status values); the
 * permission cache follows the role and every other column gets Django's default.
 */
public record NewLegacyMembership(
        long teamId,
        long profileId,
        String role,
        String status,
        String rosterSlot,
        OffsetDateTime joinedAt,
        OffsetDateTime leftAt) {}
