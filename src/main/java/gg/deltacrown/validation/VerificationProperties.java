package gg.deltacrown.validation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The scheduled full verification ({@code deltacrown.verification.*}).
 *
 * @param interval time between two runs, on any instance ({@code VERIFICATION_INTERVAL}); zero: off
 * @param tick how often each instance asks whether a run is due (one query)
 * @param samples drifted items stored with each run
 * @param retention stored runs older than this are removed
 */
@ConfigurationProperties("deltacrown.verification")
public record VerificationProperties(Duration interval, Duration tick, int samples, Duration retention) {

    public VerificationProperties {
        interval = interval == null ? Duration.ZERO : interval;
        tick = tick == null ? Duration.ofSeconds(30) : tick;
        retention = retention == null ? Duration.ofDays(30) : retention;
        if (interval.isNegative() || tick.isNegative() || tick.isZero() || samples < 0) {
            throw new IllegalArgumentException(
                    "deltacrown.verification: interval must be 0 (off) or more, tick more than 0, samples 0 or more");
        }
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
