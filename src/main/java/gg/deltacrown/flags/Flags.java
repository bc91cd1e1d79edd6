package gg.deltacrown.flags;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The effective feature flags of this instance (module API).
 *
 * <p>Reads come from an in-memory snapshot that {@link FlagRefresher} keeps current (within a
 * second of a change on any instance). Changes are stored with who, when and why, and audited.
 */
@Service
public class Flags {

    private static final Logger log = LoggerFactory.getLogger(Flags.class);

    private final FlagStore store;
    private volatile Map<Flag, FlagState> snapshot;

    Flags(FlagStore store) {
        this.store = store;
        this.snapshot = store.loadAll();
    }

    public boolean isOn(Flag flag) {
        return snapshot.get(flag).isOn();
    }

    public String value(Flag flag) {
        return snapshot.get(flag).value();
    }

    /** {@link Flag#ROUTING_MODE} as a type. */
    public RoutingMode routingMode() {
        return RoutingMode.of(value(Flag.ROUTING_MODE))
                .orElseThrow(() ->
                        new IllegalStateException("stored routing mode is not a mode: " + value(Flag.ROUTING_MODE)));
    }

    public FlagState state(Flag flag) {
        return snapshot.get(flag);
    }

    public List<FlagState> all() {
        return List.copyOf(snapshot.values());
    }

    public List<FlagChange> history(int limit) {
        return store.history(limit);
    }

    /** Re-reads the stored flags; called on every change notification and as a fallback poll. */
    public void refresh() {
        Map<Flag, FlagState> fresh = store.loadAll();
        Map<Flag, FlagState> previous = snapshot;
        snapshot = fresh;
        for (Flag flag : Flag.values()) {
            if (!fresh.get(flag).value().equals(previous.get(flag).value())) {
                log.atInfo()
                        .addKeyValue("event_type", "flag_changed")
                        .addKeyValue("flag", flag.variable())
                        .addKeyValue("old_value", previous.get(flag).value())
                        .addKeyValue("new_value", fresh.get(flag).value())
                        .addKeyValue("source", fresh.get(flag).source().value())
                        .log(
                                "Flag {} is now {}",
                                flag.variable(),
                                fresh.get(flag).value());
            }
        }
    }

    /**
     * Drops a value that came from the environment, so the flag has its default again: {@code serve}
     * calls it for a flag whose variable is no longer set at start-up. A runtime change is kept.
     *
     * @return true when the flag returned to its default
     */
    public boolean dropEnvironmentValue(Flag flag, String changedBy, String reason) {
        boolean dropped = store.dropEnvironmentValue(flag, changedBy, reason == null ? "" : reason);
        refresh();
        return dropped;
    }

    /**
     * Stores a new value for a flag.
     *
     * @param source {@link FlagSource#ENV} or {@link FlagSource#RUNTIME}
     * @return true when the effective value or its source changed
     * @throws InvalidFlagValueException when the value is not valid for the flag
     */
    public boolean change(Flag flag, String rawValue, FlagSource source, String changedBy, String reason) {
        String value = flag.normalize(rawValue);
        if (source == FlagSource.DEFAULT) {
            throw new IllegalArgumentException("a change has a source: env or runtime");
        }
        if (changedBy == null || changedBy.isBlank()) {
            throw new IllegalArgumentException("a flag change needs the name of who made it");
        }
        boolean changed = store.change(flag, value, source, changedBy, reason == null ? "" : reason);
        refresh();
        return changed;
    }
}
