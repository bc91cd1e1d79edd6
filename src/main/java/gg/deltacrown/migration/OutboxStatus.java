package gg.deltacrown.migration;

/**
 * What an operator wants to know about the outbox.
 *
 * @param oldestPendingAgeSeconds age of the oldest PENDING row, 0 when none
 * @param retryingCount PENDING rows that have failed at least once
 * @param completedLastHour rows completed in the last hour
 */
public record OutboxStatus(
        long pendingCount,
        long retryingCount,
        long blockedCount,
        long completedLastHour,
        double oldestPendingAgeSeconds) {}
