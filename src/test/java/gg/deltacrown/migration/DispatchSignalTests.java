package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The dispatcher's coalesced wake-ups (docs/adr/0028-dual-write-hot-paths.md), without a database. */
class DispatchSignalTests {

    private static final Duration LONG = Duration.ofMinutes(5);

    private final DispatchSignal signal = new DispatchSignal();

    @Test
    void commitsDuringADispatchAreTakenTogetherWhenItEnds() throws InterruptedException {
        signal.rowsEnqueued();
        assertThat(signal.awaitAndEnter(LONG))
                .as("returns at once: rows are pending")
                .isTrue();

        signal.rowsEnqueued();
        signal.rowsEnqueued();
        signal.rowsEnqueued();

        assertThat(signal.takePending())
                .as("one more dispatch for the three commits")
                .isTrue();
        assertThat(signal.takePending()).as("and only one").isFalse();
        signal.leave();
        assertThat(signal.dispatching()).isZero();
    }

    @Test
    void aCommitDuringADispatchLeavesTheIdleWorkerAsleep() throws InterruptedException {
        CompletableFuture<Void> idle = idleWorker();
        signal.awaitAndEnter(Duration.ZERO); // a sweep: this worker dispatches

        signal.rowsEnqueued();

        // The dispatching worker, not the idle one, takes the pending rows.
        assertThat(signal.takePending()).isTrue();
        assertThat(idle).isNotDone();
        assertThat(signal.waiting()).isEqualTo(1);
        signal.leave();
        signal.rowsEnqueued(); // nobody dispatches now: the idle worker wakes
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(idle::isDone);
        assertThat(signal.dispatching()).isEqualTo(1);
    }

    @Test
    void aFullBatchWakesAnIdleWorkerToShareTheBacklog() throws InterruptedException {
        CompletableFuture<Void> idle = idleWorker();
        signal.awaitAndEnter(Duration.ZERO);

        signal.backlog();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(idle::isDone);
        assertThat(signal.dispatching()).isEqualTo(2);
    }

    @Test
    void aFullBatchWithNoIdleWorkerLeavesNothingPending() throws InterruptedException {
        assertThat(signal.awaitAndEnter(Duration.ZERO))
                .as("a sweep: nothing was pending")
                .isFalse();

        signal.backlog();

        assertThat(signal.takePending())
                .as("no empty dispatch after the backlog")
                .isFalse();
    }

    private CompletableFuture<Void> idleWorker() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                signal.awaitAndEnter(LONG);
                done.complete(null);
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            }
        });
        worker.setDaemon(true);
        worker.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signal.waiting() == 1);
        return done;
    }
}
