package gg.deltacrown.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the dispatch on every instance of {@code serve}. A commit that enqueued rows wakes an idle
 * worker at once (the fast path, off the request thread); rows enqueued while a worker dispatches
 * wait for that dispatch to end and go in the next batch together ({@link DispatchSignal}). A full
 * batch means a backlog: the worker carries on and wakes another to share it. Otherwise workers
 * sweep for due rows every {@code pollInterval}, so rows of other instances, retries and rows left
 * by a crash are picked up too. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so instances
 * never wait on each other.
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxDispatch dispatch;
    private final OutboxProperties properties;
    private final DispatchSignal signal = new DispatchSignal();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    OutboxDispatcher(OutboxDispatch dispatch, OutboxProperties properties) {
        this.dispatch = dispatch;
        this.properties = properties;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onEnqueued(OutboxRowEnqueued event) {
        signal.rowsEnqueued();
    }

    @Override
    public void start() {
        running = true;
        signal.rowsEnqueued(); // a first sweep at once: rows a previous run left behind
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = new Thread(this::work, "outbox-dispatcher-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop the workers before the connection pool closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void work() {
        while (running) {
            try {
                boolean commits = signal.awaitAndEnter(properties.pollInterval());
                try {
                    dispatchWhileDue(commits);
                } finally {
                    signal.leave();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.atWarn()
                        .addKeyValue("event_type", "outbox_dispatch_error")
                        .addKeyValue("exception_type", DualWriteEvents.exceptionType(e))
                        .addKeyValue("error", DualWriteEvents.describe(e))
                        .log("Outbox dispatch failed; retrying after {}", properties.pollInterval());
            }
        }
    }

    /**
     * Dispatches until a batch is not full and nothing was enqueued meanwhile. Rows that commits
     * brought are given {@code coalesceWindow} to gather more company first: at a steady rate that
     * makes a batch of several rows out of what would be as many dispatches of one row each.
     */
    private void dispatchWhileDue(boolean commits) throws InterruptedException {
        boolean linger = commits;
        boolean again;
        do {
            if (linger && !properties.coalesceWindow().isZero()) {
                TimeUnit.NANOSECONDS.sleep(properties.coalesceWindow().toNanos());
            }
            boolean full = dispatch.dispatchDue() >= properties.batchSize();
            if (full) {
                signal.backlog();
            }
            linger = !full;
            again = full || signal.takePending();
        } while (running && again);
    }
}
