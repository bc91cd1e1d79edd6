package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.RawHttp;
import gg.deltacrown.support.StoppableDatabaseService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating proxy ({@code SERVER_FORWARD_HEADERS_STRATEGY=native}): the session
 * cookie is {@code Secure} and HSTS is sent when the proxy says the client used https, and a
 * forwarded host is no more echoed into a redirect than a {@code Host} header is.
 */
class BehindProxyIntegrationTests {

    private static final String PROXIED = "\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example"
            + "\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close";

    static StoppableDatabaseService service;

    @BeforeAll
    static void start() {
        service = StoppableDatabaseService.instance();
        new AccountFixture(service.bean(Accounts.class)).player("proxy-alice");
    }

    @Test
    void overHttpsTheSessionCookieIsSecureAndHstsIsSent() {
        RawHttp.Response login = RawHttp.send(service.port(), "GET /login HTTP/1.1\r\nHost: localhost" + PROXIED, null);

        assertThat(session(login)).contains("; Secure", "; HttpOnly", "; SameSite=Lax");
        assertThat(login.header("Strict-Transport-Security")).startsWith("max-age=");
    }

    @Test
    void overPlainHttpItIsNot() {
        RawHttp.Response login =
                RawHttp.send(service.port(), "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close", null);

        assertThat(session(login)).doesNotContain("Secure");
    }

    @Test
    void theLoginRedirectKeepsToThePathWhateverHostIsForwarded() {
        RawHttp.Response protectedPage =
                RawHttp.send(service.port(), "GET /teams/create/ HTTP/1.1\r\nHost: localhost" + PROXIED, null);
        String cookie = cookie(protectedPage);
        RawHttp.Response loginPage = RawHttp.send(
                service.port(), "GET /login HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie + PROXIED, null);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();

        RawHttp.Response loggedIn = RawHttp.send(
                service.port(),
                "POST /login HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie + PROXIED
                        + "\r\nContent-Type: application/x-www-form-urlencoded",
                "username=proxy-alice&password=testpass&_csrf=" + csrf.group(1));

        assertThat(protectedPage.header("Location")).isEqualTo("/login");
        assertThat(loggedIn.header("Location")).isEqualTo("/teams/create/?continue");
    }

    private static String session(RawHttp.Response response) {
        return response.headers("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
    }

    private static String cookie(RawHttp.Response response) {
        return session(response).split(";")[0];
    }
}
