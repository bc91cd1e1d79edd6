package gg.deltacrown.runbook;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for the service or the database to reach a state: look, pause briefly, look again,
 * until the state is reached or the deadline passes (then fail with what was not reached).
 */
final class Deadlines {

    private static final Duration POLL = Duration.ofMillis(50);

    private Deadlines() {}

    static void await(BooleanSupplier reached, Duration timeout, Supplier<String> failure) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new RunbookFailedException(failure.get());
            }
            pause(POLL);
        }
    }

    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookFailedException("interrupted while waiting");
        }
    }
}
