package gg.deltacrown.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * When dual-write was certainly on, or certainly off, on every instance: from the moment every
 * instance applied a flip (seen on its metrics) until the next flip was requested. A write that
 * started and ended inside an "on" window must have its outbox row; one inside an "off" window must
 * not. Writes that overlap a flip may go either way.
 */
final class DualWriteWindows {

    private final List<long[]> on = new ArrayList<>();
    private final List<long[]> off = new ArrayList<>();
    private boolean current;
    private long requestedAt = Long.MIN_VALUE;

    DualWriteWindows(boolean initial) {
        current = initial;
        (initial ? on : off).add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    }

    synchronized void requested(boolean value, long atMs) {
        if (value == current) {
            return;
        }
        long[] open = (current ? on : off).get((current ? on : off).size() - 1);
        if (open[1] == Long.MAX_VALUE) {
            open[1] = atMs;
        }
        requestedAt = atMs;
        current = value;
    }

    /** Every instance applies {@code value} from {@code atMs} on. */
    synchronized void applied(boolean value, long atMs) {
        if (value != current || requestedAt == Long.MIN_VALUE) {
            return;
        }
        (value ? on : off).add(new long[] {atMs, Long.MAX_VALUE});
        requestedAt = Long.MIN_VALUE;
    }

    synchronized boolean certainlyOn(Write write) {
        return inside(on, write);
    }

    synchronized boolean certainlyOff(Write write) {
        return inside(off, write);
    }

    private static boolean inside(List<long[]> windows, Write write) {
        for (long[] window : windows) {
            if (window[0] <= write.startMs() && write.endMs() < window[1]) {
                return true;
            }
        }
        return false;
    }
}
