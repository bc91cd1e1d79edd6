package gg.deltacrown.teams;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.RoutingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The routing flags in front of vNext writes. Creation follows the original's create gate exactly;
 * every other write stops only for the kill switch {@code TEAM_VNEXT_FORCE_LEGACY}
 * (docs/adr/0009-force-legacy-blocks-every-vnext-write.md).
 */
@Component
class VnextGate {

    private static final Logger log = LoggerFactory.getLogger(VnextGate.class);

    static final String EMERGENCY = "vNext team creation is currently disabled (emergency mode active).";
    static final String NOT_ENABLED = "vNext team creation is not yet enabled. Please use legacy team creation.";
    static final String LEGACY_ONLY = "vNext team creation is not available (legacy-only mode active).";
    static final String WRITES_DISABLED =
            "vNext team changes are currently disabled (emergency mode active). Please try again later.";

    private final Flags flags;

    VnextGate(Flags flags) {
        this.flags = flags;
    }

    /** @param what {@code team} or {@code organization}, for the log line */
    void checkCreation(String what, long userId) {
        String refusal = null;
        if (flags.isOn(Flag.FORCE_LEGACY)) {
            refusal = EMERGENCY;
        } else if (!flags.isOn(Flag.ADAPTER_ENABLED)) {
            refusal = NOT_ENABLED;
        } else if (flags.routingMode() == RoutingMode.LEGACY_ONLY) {
            refusal = LEGACY_ONLY;
        }
        if (refusal != null) {
            log.atWarn()
                    .addKeyValue("event_type", "vnext_creation_rejected")
                    .addKeyValue("user_id", userId)
                    .addKeyValue("error_code", Refusal.VNEXT_CREATION_DISABLED.code())
                    .log(
                            "vNext {} creation rejected for user {}: {}",
                            what,
                            userId,
                            Refusal.VNEXT_CREATION_DISABLED.code());
            throw Refusal.VNEXT_CREATION_DISABLED.because(refusal, refusal);
        }
    }

    void checkWrite(String operation, long userId) {
        if (flags.isOn(Flag.FORCE_LEGACY)) {
            log.atWarn()
                    .addKeyValue("event_type", "vnext_write_rejected")
                    .addKeyValue("operation", operation)
                    .addKeyValue("user_id", userId)
                    .addKeyValue("error_code", Refusal.VNEXT_WRITES_DISABLED.code())
                    .log("vNext {} rejected for user {}: {}", operation, userId, Refusal.VNEXT_WRITES_DISABLED.code());
            throw Refusal.VNEXT_WRITES_DISABLED.because(WRITES_DISABLED, WRITES_DISABLED);
        }
    }
}
