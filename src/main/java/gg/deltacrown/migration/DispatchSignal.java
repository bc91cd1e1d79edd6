package gg.deltacrown.migration;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces the wake-ups of the dispatcher's workers (docs/adr/0028-dual-write-hot-paths.md). A
 * commit that enqueued rows wakes an idle worker only when no worker is dispatching; otherwise it
 * just marks rows as pending, and the dispatching worker takes everything that became due when its
 * dispatch ends. So a steady stream of commits costs one dispatch per "previous dispatch" rather
 * than one per commit, and the batches grow with the load instead of staying at one row.
 */
final class DispatchSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pendingOrBacklog = lock.newCondition();
    private boolean pending;
    private int dispatching;

    /** After a commit that enqueued rows. */
    void rowsEnqueued() {
        lock.lock();
        try {
            pending = true;
            if (dispatching == 0) {
                pendingOrBacklog.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until rows are pending or {@code timeout} passed (a sweep), then counts the caller as
     * dispatching until {@link #leave()}. Returns whether rows were pending (false: a sweep).
     */
    boolean awaitAndEnter(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = pendingOrBacklog.awaitNanos(nanos);
            }
            boolean was = pending;
            pending = false;
            dispatching++;
            return was;
        } finally {
            lock.unlock();
        }
    }

    /** Whether rows were enqueued since the caller's dispatch began (and forgets them: the caller takes them). */
    boolean takePending() {
        lock.lock();
        try {
            boolean was = pending;
            pending = false;
            return was;
        } finally {
            lock.unlock();
        }
    }

    /** A full batch: there is a backlog, so an idle worker (if any) shares it. */
    void backlog() {
        lock.lock();
        try {
            if (lock.hasWaiters(pendingOrBacklog)) {
                pending = true;
                pendingOrBacklog.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            dispatching--;
        } finally {
            lock.unlock();
        }
    }

    /** How many workers wait for rows now (tests). */
    int waiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(pendingOrBacklog);
        } finally {
            lock.unlock();
        }
    }

    /** How many workers are dispatching now (tests). */
    int dispatching() {
        lock.lock();
        try {
            return dispatching;
        } finally {
            lock.unlock();
        }
    }
}
