package gg.deltacrown.flags;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The flags this instance is applying, for {@code /actuator/prometheus}:
 * {@code deltacrown_flag_enabled{flag="TEAM_VNEXT_DUAL_WRITE_ENABLED"} 1.0}. Lets a dashboard (and
 * the automated staging runbook) see that a runtime change has reached an instance, not only
 * that it was stored.
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class FlagMetrics {

    FlagMetrics(Flags flags, MeterRegistry registry) {
        for (Flag flag : Flag.values()) {
            if (flag.isBoolean()) {
                Gauge.builder("deltacrown.flag.enabled", flags, f -> f.isOn(flag) ? 1 : 0)
                        .description("1 when the instance applies the flag as on")
                        .tag("flag", flag.variable())
                        .register(registry);
            }
        }
    }
}
