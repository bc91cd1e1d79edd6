package gg.deltacrown.migration;

/** Published when a transaction stores an outbox row; the dispatcher wakes after its commit. */
record OutboxRowEnqueued(long outboxId) {}
