package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.RawHttp;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Response headers a browser relies on, and redirects that never echo the {@code Host} header: what
 * curl with a forged {@code Host} sees through a whole login, flag change and logout.
 */
@IntegrationTest
class HeadersIntegrationTests {

    private static final String EVIL = "evil.example";
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        new AccountFixture(accounts).staff("operator");
    }

    @Test
    void pagesAndTheApiSendAContentSecurityPolicyAndAReferrerPolicy() {
        RawHttp.Response login = get("/login", null, "localhost");
        Reply health = api.get("/api/vnext/teams/x/detail/", null);

        assertThat(login.header("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; "
                        + "form-action 'self'; frame-ancestors 'none'");
        assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(health.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(health.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        // Forwarded headers are not trusted unless configured (SERVER_FORWARD_HEADERS_STRATEGY).
        RawHttp.Response login = RawHttp.send(
                port, "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\nConnection: close", null);

        String cookie = login.headers("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("; HttpOnly", "; SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void noRedirectEchoesTheHostHeader() {
        RawHttp.Response protectedPage = get("/teams/create/", null, EVIL);
        String session = session(protectedPage);
        RawHttp.Response loginPage = get("/login", session, EVIL);
        RawHttp.Response loggedIn =
                post("/login", session, EVIL, "username=operator&password=testpass&_csrf=" + csrf(loginPage));
        String signedIn = session(loggedIn) != null ? session(loggedIn) : session;
        RawHttp.Response ops = get("/ops/", signedIn, EVIL);
        RawHttp.Response flagChanged = post(
                "/ops/flags",
                signedIn,
                EVIL,
                "name=TEAM_VNEXT_DUAL_WRITE_ENABLED&value=false&reason=test&_csrf=" + csrf(ops));
        RawHttp.Response home = get("/", signedIn, EVIL);
        RawHttp.Response loggedOut = post("/logout", signedIn, EVIL, "_csrf=" + csrf(ops));

        assertThat(protectedPage.header("Location")).isEqualTo("/login");
        assertThat(loggedIn.status()).isEqualTo(302);
        assertThat(loggedIn.header("Location")).isEqualTo("/teams/create/?continue");
        assertThat(flagChanged.header("Location")).isEqualTo("/ops/");
        assertThat(home.header("Location")).isEqualTo("/teams/create/");
        assertThat(loggedOut.header("Location")).isEqualTo("/login?logout");
        for (RawHttp.Response response : List.of(protectedPage, loggedIn, flagChanged, home, loggedOut)) {
            assertThat(response.headers().toString()).doesNotContain(EVIL);
        }
    }

    private RawHttp.Response get(String path, String session, String host) {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + cookie(session), null);
    }

    private RawHttp.Response post(String path, String session, String host, String form) {
        return RawHttp.send(
                port,
                "POST " + path + " HTTP/1.1\r\nHost: " + host + cookie(session)
                        + "\r\nContent-Type: application/x-www-form-urlencoded",
                form);
    }

    private static String cookie(String session) {
        return (session == null ? "" : "\r\nCookie: JSESSIONID=" + session) + "\r\nConnection: close";
    }

    private static String session(RawHttp.Response response) {
        for (String cookie : response.headers("Set-Cookie")) {
            Matcher matcher = SESSION.matcher(cookie);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static String csrf(RawHttp.Response page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token in %s", page.body()).isTrue();
        return matcher.group(1);
    }
}
