package gg.deltacrown.validation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The latest stored full verification on {@code /actuator/prometheus}, the same on every instance:
 * {@code deltacrown_drift_pairs{kind="name"}} per {@link DriftKind},
 * {@code deltacrown_verification_last_run_timestamp_seconds},
 * {@code deltacrown_verification_duration_seconds} and
 * {@code deltacrown_verification_last_run_failed}. NaN before the first run, so "never verified"
 * does not read as "no drift". An alert: {@code max(deltacrown_drift_pairs) > 0}, or
 * {@code time() - deltacrown_verification_last_run_timestamp_seconds > 2 * interval}.
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class VerificationMetrics {

    private final VerificationRuns runs;
    private final AtomicReference<VerificationRun> latest = new AtomicReference<>();

    VerificationMetrics(VerificationRuns runs, MeterRegistry registry) {
        this.runs = runs;
        for (DriftKind kind : DriftKind.values()) {
            gauge(
                            "deltacrown.drift.pairs",
                            "Mapped pairs with this kind of drift, by the latest full verification",
                            run -> run.driftPairs().getOrDefault(kind.id(), 0L))
                    .tag("kind", kind.id())
                    .register(registry);
        }
        gauge(
                        "deltacrown.verification.last.run.timestamp",
                        "When the latest full verification finished",
                        run -> run.finishedAt().toEpochSecond())
                .baseUnit("seconds")
                .register(registry);
        gauge(
                        "deltacrown.verification.duration",
                        "How long the latest full verification took",
                        run -> run.durationMs() / 1000.0)
                .baseUnit("seconds")
                .register(registry);
        gauge(
                        "deltacrown.verification.last.run.failed",
                        "1 when the latest full verification failed",
                        run -> "FAILED".equals(run.outcome()) ? 1 : 0)
                .register(registry);
    }

    private Gauge.Builder<AtomicReference<VerificationRun>> gauge(
            String name, String description, ToDoubleFunction<VerificationRun> value) {
        return Gauge.builder(name, latest, reference -> {
                    VerificationRun run = reference.get();
                    return run == null ? Double.NaN : value.applyAsDouble(run);
                })
                .description(description);
    }

    /** A run this instance just stored, shown before the next refresh. */
    void show(VerificationRun run) {
        latest.set(run);
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 0)
    void refresh() {
        latest.set(runs.latest().orElse(null));
    }
}
