package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What Prometheus scrapes about the dual-write: outbox gauges, outcome counters, the lag histogram. */
@IntegrationTest
class DualWriteMetricsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    VnextWrites vnext;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    Flags flags;

    @Test
    void exposesTheOutboxAndTheDualWriteOutcomes() throws Exception {
        // The registry lives as long as the cached application context: other tests count too.
        String before = scrape();
        double created = sample(before, "deltacrown_dualwrite_completed_total{operation=\"sync_team_created\"}");
        double lagCount = sample(before, "deltacrown_dualwrite_lag_seconds_count");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "metrics");
        vnext.createTeam(vnext.user("testuser"), "Metric Team", 1, "NA");
        jdbcTemplate.update("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, attempts, blocked_reason)
                VALUES ('sync_team_member_added', 42, 'BLOCKED', 10, 'max_attempts')""");

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String now = scrape();
            assertThat(now)
                    .contains("deltacrown_outbox_blocked 1.0")
                    .contains("deltacrown_outbox_pending 0.0")
                    .contains("deltacrown_outbox_oldest_pending_age_seconds")
                    .contains("deltacrown_dualwrite_lag_seconds_bucket");
            assertThat(sample(now, "deltacrown_dualwrite_completed_total{operation=\"sync_team_created\"}"))
                    .isEqualTo(created + 1);
            assertThat(sample(now, "deltacrown_dualwrite_lag_seconds_count")).isEqualTo(lagCount + 1);
        });
    }

    /** The value of one series in a Prometheus text scrape; 0 when the series is not there yet. */
    private static double sample(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
