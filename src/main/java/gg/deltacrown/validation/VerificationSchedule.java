package gg.deltacrown.validation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the full verification current (serve mode, when {@code VERIFICATION_INTERVAL} is set):
 * every instance asks each tick whether a run is due, under the database lock, so one instance runs
 * it per interval whatever the number of instances. On a thread of its own, so a run of several
 * seconds delays nothing else. Logs {@code full_verification_completed} (or {@code _failed}).
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class VerificationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VerificationSchedule.class);

    private final VerificationRuns runs;
    private final VerificationMetrics metrics;
    private ScheduledExecutorService executor;

    VerificationSchedule(VerificationRuns runs, VerificationMetrics metrics) {
        this.runs = runs;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        if (!runs.properties().enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "full-verification");
            thread.setDaemon(true);
            return thread;
        });
        long tick = runs.properties().tick().toMillis();
        executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            runs.run(true).ifPresent(run -> {
                metrics.show(run);
                if ("FAILED".equals(run.outcome())) {
                    log.atWarn()
                            .addKeyValue("event_type", "full_verification_failed")
                            .addKeyValue("duration_ms", run.durationMs())
                            .addKeyValue("error", run.error())
                            .log("Full verification failed");
                } else {
                    log.atInfo()
                            .addKeyValue("event_type", "full_verification_completed")
                            .addKeyValue("duration_ms", run.durationMs())
                            .addKeyValue("compared_pairs", run.comparedPairs())
                            .addKeyValue("drifted_pairs", run.driftedPairs())
                            .log("Full verification completed");
                }
            });
        } catch (RuntimeException e) {
            // The database may be down for a while: the next tick tries again.
            log.atWarn()
                    .addKeyValue("event_type", "full_verification_failed")
                    .addKeyValue("exception_type", e.getClass().getSimpleName())
                    .log("Full verification could not run: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
