package gg.deltacrown.flags;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The feature flags of the migration, with the original's names and the runbook's Appendix A
 * defaults (README, Configuration).
 */
public enum Flag {
    FORCE_LEGACY(
            "TEAM_VNEXT_FORCE_LEGACY",
            Kind.BOOLEAN,
            "false",
            "Emergency kill switch: every vNext write is refused and routing goes to legacy."),
    ADAPTER_ENABLED("TEAM_VNEXT_ADAPTER_ENABLED", Kind.BOOLEAN, "true", "vNext routing and team creation are enabled."),
    ROUTING_MODE(
            "TEAM_VNEXT_ROUTING_MODE",
            Kind.ROUTING_MODE,
            "vnext_primary",
            "legacy_only, auto, vnext_primary or vnext_only; legacy_only refuses vNext team creation."),
    LEGACY_WRITE_BLOCKED(
            "TEAM_LEGACY_WRITE_BLOCKED",
            Kind.BOOLEAN,
            "true",
            "The database rejects writes to the legacy teams_* tables (except the dual-write's own).",
            "TEAM_VNEXT_LEGACY_WRITE_BLOCKED"),
    LEGACY_WRITE_BYPASS_ENABLED(
            "TEAM_LEGACY_WRITE_BYPASS_ENABLED",
            Kind.BOOLEAN,
            "false",
            "Emergency bypass of legacy write blocking; every bypassed write is logged as a warning."),
    DUAL_WRITE_ENABLED(
            "TEAM_VNEXT_DUAL_WRITE_ENABLED",
            Kind.BOOLEAN,
            "false",
            "vNext writes are mirrored to the legacy tables through the outbox."),
    DUAL_WRITE_STRICT_MODE(
            "TEAM_VNEXT_DUAL_WRITE_STRICT_MODE",
            Kind.BOOLEAN,
            "false",
            "The shadow write joins the request transaction; a failure rolls the whole request back.");

    enum Kind {
        BOOLEAN,
        ROUTING_MODE
    }

    public static final List<String> ROUTING_MODES =
            Arrays.stream(RoutingMode.values()).map(RoutingMode::value).toList();
    private static final List<String> TRUE_WORDS = List.of("true", "1", "yes", "on");
    private static final List<String> FALSE_WORDS = List.of("false", "0", "no", "off");

    private final String variable;
    private final Kind kind;
    private final String defaultValue;
    private final String description;
    private final String alias;

    Flag(String variable, Kind kind, String defaultValue, String description) {
        this(variable, kind, defaultValue, description, null);
    }

    Flag(String variable, Kind kind, String defaultValue, String description, String alias) {
        this.variable = variable;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
        this.alias = alias;
    }

    /** The environment variable (and stored flag name). */
    public String variable() {
        return variable;
    }

    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    /**
     * The canonical form of a value ({@code true}/{@code false} for booleans, the lower-case mode
     * name for the routing mode).
     *
     * @throws InvalidFlagValueException when the value is not one this flag accepts
     */
    public String normalize(String raw) {
        String value = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (kind == Kind.BOOLEAN) {
            if (TRUE_WORDS.contains(value)) {
                return "true";
            }
            if (FALSE_WORDS.contains(value)) {
                return "false";
            }
            throw new InvalidFlagValueException(variable, raw, "true/false, 1/0, yes/no or on/off");
        }
        if (ROUTING_MODES.contains(value)) {
            return value;
        }
        throw new InvalidFlagValueException(variable, raw, String.join(", ", ROUTING_MODES));
    }

    /** Finds a flag by its variable name or alias, ignoring case. */
    public static Optional<Flag> byName(String name) {
        for (Flag flag : values()) {
            if (flag.variable.equalsIgnoreCase(name) || (flag.alias != null && flag.alias.equalsIgnoreCase(name))) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
