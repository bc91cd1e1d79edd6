package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
@TestPropertySource(properties = {"deltacrown.api.throttle-anon=3/minute", "deltacrown.api.throttle-user=5/minute"})
class ThrottleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    RateLimits limits;

    @Autowired
    Accounts accounts;

    ApiClient api;

    @BeforeEach
    void setUp() {
        limits.clear();
        api = new ApiClient(port);
    }

    @Test
    void anonymousClientsGetTheirBudgetPerAddressThen429WithRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(api.post("/api/vnext/teams/create/", "{}").status());
        }
        Reply throttled = api.post("/api/vnext/teams/create/", "{}");

        assertThat(statuses).containsOnly(401);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(throttled.json().get("error").asString())
                .matches("Request was throttled\\. Expected available in \\d+ seconds\\.");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void signedInUsersHaveABudgetOfTheirOwn() {
        new AccountFixture(accounts).player("alice");
        new AccountFixture(accounts).player("bob");
        String alice = api.login("alice", "testpass");
        String bob = api.login("bob", "testpass");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(api.get("/api/vnext/teams/none/detail/", alice).status());
        }
        Reply throttled = api.get("/api/vnext/teams/none/detail/", alice);

        assertThat(statuses).doesNotContain(429);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(api.get("/api/vnext/teams/none/detail/", bob).status()).isNotEqualTo(429);
    }

    @Test
    void healthAndMetricsScrapesAreNeverThrottled() {
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        }
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
    }
}
