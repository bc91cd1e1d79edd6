package gg.deltacrown.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Flag propagation: flips made on one instance, and for each the time until every instance applies
 * it, from the {@code flag_changed} event each instance logs when its snapshot changes (its own
 * clock: the instances and the client share this machine's). The next flip is made once every
 * instance applied the last one, so none can be skipped.
 */
final class FlagPropagation {

    static final String FLAG = "TEAM_VNEXT_DUAL_WRITE_ENABLED";
    private static final Pattern EVENT = Pattern.compile(
            "^ts=(\\S+) .*event_type=flag_changed flag=" + FLAG + " .*new_value=(\\w+)", Pattern.MULTILINE);

    /** Milliseconds from the flip's request to its application, per flip and instance. */
    record Result(List<long[]> lagsMs) {
        List<Long> all() {
            List<Long> values = new ArrayList<>();
            lagsMs.forEach(row -> {
                for (long value : row) {
                    values.add(value);
                }
            });
            return values;
        }
    }

    interface Flipper {
        /** Changes the flag on the instance; returns the wall clock (ms) when the request was sent. */
        long flip(int instance, boolean value);
    }

    /** Flips the flag {@code flips} times, starting from {@code initial} (its current value). */
    static Result measure(List<Instance> instances, Flipper flipper, int flips, boolean initial) {
        List<long[]> lags = new ArrayList<>();
        int[] seen = new int[instances.size()];
        for (int n = 0; n < instances.size(); n++) {
            seen[n] = events(instances.get(n)).size();
        }
        for (int flip = 0; flip < flips; flip++) {
            boolean value = flip % 2 == 0 ? !initial : initial;
            long sent = flipper.flip(0, value);
            long[] row = new long[instances.size()];
            for (int n = 0; n < instances.size(); n++) {
                Instance instance = instances.get(n);
                int index = seen[n];
                List<String[]> applied = Awaitility.await("instance " + n + " applies flip " + flip)
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> events(instance), events -> events.size() > index);
                String[] event = applied.get(index);
                if (!event[1].equals(String.valueOf(value))) {
                    throw new IllegalStateException("instance " + n + " applied " + event[1] + " for flip to " + value);
                }
                row[n] = Instant.parse(event[0]).toEpochMilli() - sent;
                seen[n] = index + 1;
            }
            lags.add(row);
        }
        return new Result(lags);
    }

    private static List<String[]> events(Instance instance) {
        List<String[]> events = new ArrayList<>();
        Matcher matcher = EVENT.matcher(instance.output());
        while (matcher.find()) {
            events.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return events;
    }
}
