package gg.deltacrown.migration;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operating the outbox (module API for the CLI, the ops page and the report). */
@Service
public class OutboxAdmin {

    private final Outbox outbox;
    private final OutboxProperties properties;

    OutboxAdmin(Outbox outbox, OutboxProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    public OutboxStatus status() {
        return outbox.status();
    }

    /** Newest first; {@code status} null for all. */
    public List<OutboxEntry> list(OutboxEntry.Status status, int limit) {
        return outbox.list(status, limit);
    }

    /** BLOCKED rows back to PENDING with their attempts reset; returns how many. */
    @Transactional
    public int unblock(Collection<Long> ids, boolean all) {
        return outbox.resubmitBlocked(ids, all);
    }

    /** PENDING rows waiting for their backoff become due now; returns how many. */
    @Transactional
    public int retryNow(Collection<Long> ids, boolean all) {
        return outbox.retryNow(ids, all);
    }

    /** Deletes DONE rows completed longer ago than {@code olderThan} (default: the retention). */
    @Transactional
    public int purge(Duration olderThan) {
        return outbox.purgeCompletedOlderThan(olderThan == null ? properties.retention() : olderThan);
    }

    public Duration retention() {
        return properties.retention();
    }
}
