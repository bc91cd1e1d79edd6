package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code /health/} and the Kubernetes readiness probe follow the service's readiness, not only the database. */
@IntegrationTest
class ReadinessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void isUnhealthyWhileTheServiceRefusesTraffic() {
        ApiClient api = new ApiClient(port);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            ApiClient.Reply health = api.get("/health/", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("unhealthy");
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
