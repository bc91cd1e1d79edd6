package gg.deltacrown.flags;

import java.time.OffsetDateTime;

/** One entry of the flag audit trail. */
public record FlagChange(
        String name,
        String oldValue,
        String newValue,
        FlagSource source,
        String changedBy,
        OffsetDateTime changedAt,
        String reason) {}
