package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every instance of the service, seen through its own {@code /actuator/prometheus}: which flag
 * values it applies ({@code deltacrown_flag_enabled}) and what its counters say. A flag change is
 * stored once, but only an instance's metrics show that the instance applies it.
 */
final class Instances {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{[^}]*\\})?\\s+(\\S+)");
    private static final Duration POLL = Duration.ofMillis(20);

    private final Map<URI, ServiceClient> clients = new LinkedHashMap<>();

    Instances(List<URI> urls) {
        urls.forEach(url -> clients.put(url, new ServiceClient(url)));
    }

    List<URI> urls() {
        return List.copyOf(clients.keySet());
    }

    /** The series of the flag's gauge, as the exposition prints it. */
    static String flagSeries(Flag flag) {
        return "deltacrown_flag_enabled{flag=\"" + flag.variable() + "\"}";
    }

    /** True when every instance publishes the flag gauge (so a change can be seen arriving). */
    List<URI> withoutFlagGauge(Flag flag) {
        List<URI> missing = new ArrayList<>();
        clients.forEach((url, client) -> {
            if (!client.metrics().contains(flagSeries(flag))) {
                missing.add(url);
            }
        });
        return missing;
    }

    /**
     * Waits until every instance applies the flag value and returns, per instance, how long after
     * {@code changedAtNanos} it was first seen applying it; fails at the deadline naming the laggards.
     */
    Map<URI, Long> awaitFlag(Flag flag, boolean on, long changedAtNanos, Duration deadline) {
        String expected = flagSeries(flag) + " " + (on ? "1.0" : "0.0");
        Map<URI, Long> applied = new LinkedHashMap<>();
        long end = changedAtNanos + deadline.toNanos();
        while (applied.size() < clients.size()) {
            for (Map.Entry<URI, ServiceClient> instance : clients.entrySet()) {
                if (!applied.containsKey(instance.getKey())
                        && instance.getValue().metrics().contains(expected)) {
                    applied.put(instance.getKey(), (System.nanoTime() - changedAtNanos) / 1_000_000);
                }
            }
            if (applied.size() < clients.size()) {
                if (System.nanoTime() > end) {
                    List<URI> late = new ArrayList<>(clients.keySet());
                    late.removeAll(applied.keySet());
                    throw new RunbookFailedException(late + " did not apply " + flag.variable() + "=" + on + " within "
                            + deadline.toSeconds() + " s");
                }
                Deadlines.pause(POLL);
            }
        }
        return applied;
    }

    /** The sum over every instance of the counter's samples whose labels contain every given label. */
    double sum(String metric, String... labels) {
        double total = 0;
        for (ServiceClient client : clients.values()) {
            for (String line : client.metrics().split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.find() && sample.group(1).equals(metric) && hasLabels(sample.group(2), labels)) {
                    total += Double.parseDouble(sample.group(3));
                }
            }
        }
        return total;
    }

    private static boolean hasLabels(String labels, String... wanted) {
        for (String label : wanted) {
            if (labels == null || !labels.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** "http://a:8000 in 12 ms, http://b:8000 in 40 ms". */
    static String describe(Map<URI, Long> applied) {
        List<String> parts = new ArrayList<>();
        applied.forEach((url, millis) -> parts.add(String.format(Locale.ROOT, "%s in %d ms", url, millis)));
        return String.join(", ", parts);
    }
}
