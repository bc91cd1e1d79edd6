package gg.deltacrown.migration;

import java.time.OffsetDateTime;

/** One row of {@code organizations_dualwrite_outbox}. */
public record OutboxEntry(
        long id,
        SyncOperation operation,
        long teamId,
        Long membershipId,
        Long actorUserId,
        String status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        String blockedReason,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt) {}
