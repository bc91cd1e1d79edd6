package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.PageSession;
import gg.deltacrown.support.StoppableDatabaseService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running service (a real, separately started server, stopped as an
 * operator would): every kind of request fails fast and cleanly, 503 {@code SERVICE_UNAVAILABLE}
 * with {@code Retry-After} in its envelope within two seconds, the authentication filters'
 * account lookups included; and the service is back by itself when the database is.
 */
class DatabaseOutageIntegrationTests {

    private static final Duration FAST = Duration.ofSeconds(2);

    static StoppableDatabaseService service;
    static ApiClient api;
    static String token;
    static PageSession browser;
    static String slug;

    @BeforeAll
    static void signIn() {
        service = StoppableDatabaseService.instance();
        api = new ApiClient(service.port());
        new AccountFixture(service.bean(Accounts.class)).player("outage-alice");
        token = api.login("outage-alice", AccountFixture.PASSWORD);
        browser = new PageSession(service.port());
        assertThat(browser.login("outage-alice", AccountFixture.PASSWORD).statusCode())
                .isEqualTo(302);
        slug = api.post("/api/vnext/teams/create/", "{\"name\":\"Outage Team\",\"game_id\":1}", token)
                .json()
                .get("team_slug")
                .asString();
    }

    @Test
    void withoutTheDatabaseEveryRequestIs503WithinTwoSecondsAndTheServiceComesBack() {
        service.postgres().stop();
        try {
            Reply health = timed(() -> api.get("/health/", null));
            Reply bearer = timed(() -> api.get("/api/vnext/teams/" + slug + "/detail/", token));
            Reply write =
                    timed(() -> api.post("/api/vnext/teams/create/", "{\"name\":\"Down Team\",\"game_id\":1}", token));
            Reply login = timed(
                    () -> api.post("/api/auth/login/", "{\"username\":\"outage-alice\",\"password\":\"testpass\"}"));
            HttpResponse<String> page = timed(() -> browser.get("/teams/create/"));

            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("unhealthy");
            for (Reply reply : new Reply[] {bearer, write, login}) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.body())
                        .isEqualTo("{\"error\":\"Service temporarily unavailable, please retry.\","
                                + "\"code\":\"SERVICE_UNAVAILABLE\"}");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            }
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(page.body()).contains("Temporarily unavailable", "Try again in 5 seconds.");
        } finally {
            service.postgres().startAgain();
        }

        Awaitility.await("the service answering again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/health/", null).status() == 200);
        assertThat(api.get("/api/vnext/teams/" + slug + "/detail/", token).status())
                .isEqualTo(200);
        assertThat(browser.get("/teams/create/").statusCode()).isEqualTo(200);
        assertThat(api.login("outage-alice", AccountFixture.PASSWORD)).isNotBlank();
    }

    private static <T> T timed(Supplier<T> request) {
        long started = System.nanoTime();
        T answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("answer %s", answer).isLessThan(FAST);
        return answer;
    }
}
