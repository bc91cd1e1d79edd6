package gg.deltacrown.migration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Outbox gauges for {@code /actuator/prometheus}: pending, blocked and the age of the oldest pending
 * row, read every 5 seconds (not on every scrape).
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class OutboxMetrics {

    private final Outbox outbox;
    private final AtomicReference<OutboxStatus> last = new AtomicReference<>(new OutboxStatus(0, 0, 0, 0, 0));

    OutboxMetrics(Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("deltacrown.outbox.pending", last, s -> s.get().pendingCount())
                .description("Outbox rows waiting for their legacy shadow")
                .register(registry);
        Gauge.builder("deltacrown.outbox.blocked", last, s -> s.get().blockedCount())
                .description("Outbox rows that will not be retried without an operator")
                .register(registry);
        Gauge.builder("deltacrown.outbox.oldest.pending.age", last, s -> s.get().oldestPendingAgeSeconds())
                .description("Age of the oldest pending outbox row")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 0)
    void refresh() {
        last.set(outbox.status());
    }
}
