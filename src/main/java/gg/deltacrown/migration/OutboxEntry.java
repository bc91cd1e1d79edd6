package gg.deltacrown.migration;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One row of {@code organizations_dualwrite_outbox}. */
public record OutboxEntry(
        long id,
        SyncOperation operation,
        long teamId,
        Long membershipId,
        Long actorUserId,
        Status status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        String blockedReason,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt)
        implements ShadowSync.Change {

    /**
     * Where a row is: waiting (or retrying) for a dispatcher, mirrored, or left for an operator.
     * Stored as its name (a CHECK constraint allows only these).
     */
    public enum Status {
        PENDING,
        DONE,
        BLOCKED;

        /** Case-insensitive; empty for anything that is not a status. */
        public static Optional<Status> parse(String value) {
            return Arrays.stream(values())
                    .filter(status -> status.name().equals(value.trim().toUpperCase(Locale.ROOT)))
                    .findFirst();
        }
    }
}
