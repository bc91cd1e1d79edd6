package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Phase 5.1's numbers as the runbook's awk computes them. */
class LatencySampleTests {

    @Test
    void p95IsTheValueAtRankCeilOfNinetyFivePercent() {
        Latency.Sample twenty = sample(LongStream.rangeClosed(1, 20));
        Latency.Sample ten = sample(LongStream.rangeClosed(1, 10));

        assertThat(twenty.p95()).isEqualTo(19);
        assertThat(twenty.average()).isEqualTo(10.5);
        assertThat(ten.p95()).isEqualTo(10);
        assertThat(new Latency.Sample("on", List.of()).p95()).isZero();
    }

    @Test
    void theOrderOfTheSamplesDoesNotMatter() {
        assertThat(new Latency.Sample("off", List.of(90L, 10L, 30L, 20L)).p95()).isEqualTo(90);
    }

    private static Latency.Sample sample(LongStream values) {
        return new Latency.Sample("off", values.boxed().toList());
    }
}
