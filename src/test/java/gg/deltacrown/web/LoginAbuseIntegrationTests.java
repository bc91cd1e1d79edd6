package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.PageSession;
import gg.deltacrown.support.StoppableDatabaseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Password guessing against the page and API logins (10 failures per username, 20 per address):
 * 429 with {@code Retry-After}, before any hashing;
 * and login timing that does not tell a real account from an unknown, unusable or inactive one.
 * Client addresses come from {@code X-Forwarded-For}, as behind a proxy.
 */
class LoginAbuseIntegrationTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static StoppableDatabaseService service;
    static LoginThrottle throttle;

    @BeforeAll
    static void accounts() {
        service = StoppableDatabaseService.instance();
        throttle = service.bean(LoginThrottle.class);
        AccountFixture accounts = new AccountFixture(service.bean(Accounts.class));
        accounts.player("abuse-alice");
        accounts.player("abuse-bob");
        accounts.player("abuse-unusable");
        accounts.player("abuse-inactive");
        JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
        jdbc.update("UPDATE accounts_user SET password = '!unusable' WHERE username = 'abuse-unusable'");
        jdbc.update("UPDATE accounts_user SET is_active = false WHERE username = 'abuse-inactive'");
    }

    @BeforeEach
    void cleanSlate() {
        throttle.clear();
    }

    @Test
    void tenFailuresForOneUsernameThen429FromAnyAddress() {
        List<Integer> failures = IntStream.range(0, 10)
                .mapToObj(i -> apiLogin("abuse-alice", "wrong", "10.0.0." + i).statusCode())
                .toList();
        HttpResponse<String> throttled = apiLogin("abuse-alice", "wrong", "10.0.1.1");

        assertThat(failures).containsOnly(401);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body())
                .matches("\\{\"error\":\"Too many failed logins\\. Expected available in \\d+ seconds\\.\","
                        + "\"code\":\"RATE_LIMITED\"}");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 360L);
        assertThat(apiLogin("abuse-bob", AccountFixture.PASSWORD, "10.0.1.1").statusCode())
                .isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneAddressThen429ForEveryUsername() {
        List<Integer> failures = IntStream.range(0, 20)
                .mapToObj(i -> apiLogin("nobody-" + i, "wrong", "10.1.0.1").statusCode())
                .toList();
        HttpResponse<String> throttled = apiLogin("abuse-bob", AccountFixture.PASSWORD, "10.1.0.1");

        assertThat(failures).containsOnly(401);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(apiLogin("abuse-bob", AccountFixture.PASSWORD, "10.1.0.2").statusCode())
                .isEqualTo(200);
    }

    @Test
    void successfulLoginsCostNothing() {
        List<Integer> logins = IntStream.range(0, 30)
                .mapToObj(i -> apiLogin("abuse-bob", AccountFixture.PASSWORD, "10.2.0.1")
                        .statusCode())
                .toList();

        assertThat(logins).containsOnly(200);
    }

    @Test
    void thePageLoginIsThrottledWithAMessage() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failures.add(page("10.3.0." + i)
                    .login("abuse-alice", "wrong")
                    .headers()
                    .firstValue("Location")
                    .orElse(""));
        }
        HttpResponse<String> throttled = page("10.3.1.1").login("abuse-alice", "wrong");

        assertThat(failures).containsOnly("/login?error&username=abuse-alice");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("Too many attempts", "Too many failed logins", "Try again in");
    }

    @Test
    void fortyEightParallelGuessesAreNotAllHashed() {
        List<PageSession> browsers =
                IntStream.range(0, 48).mapToObj(i -> page("10.4.0.1")).toList();
        browsers.forEach(browser -> browser.get("/login"));

        List<Integer> statuses = browsers.stream()
                .map(browser -> CompletableFuture.supplyAsync(
                        () -> browser.post("/login", Map.of("username", "abuse-alice", "password", "wrong"))
                                .statusCode()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(statuses).containsOnly(302, 429);
        assertThat(statuses.stream().filter(status -> status == 302).count())
                .as("guesses that were hashed")
                .isLessThanOrEqualTo(10);
    }

    /**
     * The fastest of several tries per kind: on a shared machine other work only ever adds time,
     * so the minimum is what the request itself costs. Answering an unusable password without
     * hashing (the bug this guards) would make one kind ten times faster than the others.
     */
    @Test
    void loginTimingDoesNotTellAccountsApart() {
        Map<String, String[]> kinds = Map.of(
                "real account, wrong password", new String[] {"abuse-bob", "wrong"},
                "unknown user", new String[] {"abuse-nobody", "wrong"},
                "unusable password", new String[] {"abuse-unusable", "wrong"},
                "inactive account", new String[] {"abuse-inactive", AccountFixture.PASSWORD});
        Map<String, Long> fastest = new TreeMap<>();
        List<String> order = new ArrayList<>(kinds.keySet());
        for (int round = 0; round < 11; round++) {
            Collections.shuffle(order);
            for (String kind : order) {
                throttle.clear();
                long started = System.nanoTime();
                int status = apiLogin(kinds.get(kind)[0], kinds.get(kind)[1], "10.5.0.1")
                        .statusCode();
                long micros = (System.nanoTime() - started) / 1000;
                assertThat(status).isEqualTo(401);
                fastest.merge(kind, micros, Math::min);
            }
        }

        long quickest = Collections.min(fastest.values());
        long slowest = Collections.max(fastest.values());
        assertThat(quickest).as("fastest µs %s: every kind is hashed", fastest).isGreaterThanOrEqualTo(5_000);
        assertThat((double) slowest / quickest).as("fastest µs %s", fastest).isLessThan(1.5);
    }

    private static PageSession page(String address) {
        return new PageSession(service.port(), Map.of("X-Forwarded-For", address));
    }

    private static HttpResponse<String> apiLogin(String username, String password, String address) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/api/auth/login/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
