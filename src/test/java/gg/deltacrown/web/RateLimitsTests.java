package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTests {

    private final AtomicLong now = new AtomicLong();
    private final RateLimits limits = new RateLimits(now::get);

    @Test
    void allowsTheBurstThenAsksToWaitForTheNextToken() {
        Rate rate = new Rate(3, Duration.ofMinutes(1));

        assertThat(limits.take("a", rate)).isEmpty();
        assertThat(limits.take("a", rate)).isEmpty();
        assertThat(limits.take("a", rate)).isEmpty();
        assertThat(limits.take("a", rate)).hasValue(20);

        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(limits.take("a", rate)).hasValue(5);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(limits.take("a", rate)).isEmpty();
    }

    @Test
    void keepsABudgetPerKey() {
        Rate rate = new Rate(1, Duration.ofHours(1));

        assertThat(limits.take("a", rate)).isEmpty();
        assertThat(limits.take("a", rate)).hasValue(3600);
        assertThat(limits.take("b", rate)).isEmpty();
    }

    @Test
    void readsDjangoRestFrameworkRates() {
        assertThat(Rate.parse("X", "100/hour")).contains(new Rate(100, Duration.ofHours(1)));
        assertThat(Rate.parse("X", "1000/h")).contains(new Rate(1000, Duration.ofHours(1)));
        assertThat(Rate.parse("X", "5/minute")).contains(new Rate(5, Duration.ofMinutes(1)));
        assertThat(Rate.parse("X", "10/s")).contains(new Rate(10, Duration.ofSeconds(1)));
        assertThat(Rate.parse("X", " 2/Day ")).contains(new Rate(2, Duration.ofDays(1)));
        assertThat(Rate.parse("X", "off")).isEmpty();
    }

    @Test
    void refusesAnUnreadableRateNamingTheSetting() {
        for (String bad : new String[] {"", "100", "100/week", "x/hour", "0/hour", "-1/hour", "/hour"}) {
            assertThatThrownBy(() -> Rate.parse("API_THROTTLE_ANON", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("API_THROTTLE_ANON");
        }
    }
}
