package gg.deltacrown.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the dispatch on every instance of {@code serve}. A commit that enqueued rows wakes a worker
 * at once (the fast path, off the request thread); otherwise workers sweep for due rows every
 * {@code pollInterval}, so rows of other instances, retries and rows left by a crash are picked up
 * too. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so instances never wait on each other.
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxDispatch dispatch;
    private final OutboxProperties properties;
    private final BlockingQueue<Boolean> wakeups;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    OutboxDispatcher(OutboxDispatch dispatch, OutboxProperties properties) {
        this.dispatch = dispatch;
        this.properties = properties;
        this.wakeups = new ArrayBlockingQueue<>(Math.max(1, properties.workers()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onEnqueued(OutboxRowEnqueued event) {
        wakeups.offer(Boolean.TRUE);
    }

    @Override
    public void start() {
        running = true;
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
                if (dispatch.dispatchDue() == 0) {
                    wakeups.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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
                try {
                    wakeups.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
