package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An API path without its trailing slash is a 404 that names the right path; the favicon is served. */
@IntegrationTest
class TrailingSlashHintIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void namesThePathWithTheSlashInTheFrameworkEnvelope() {
        ApiClient api = new ApiClient(port);

        Reply login = api.post("/api/auth/login", "{\"username\":\"a\",\"password\":\"b\"}");
        Reply detail = api.get("/api/vnext/teams/some-team/detail", null);

        assertThat(login.status()).isEqualTo(404);
        assertThat(login.json().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(login.json().get("error").asString()).contains("/api/auth/login/");
        assertThat(detail.status()).isEqualTo(404);
        assertThat(detail.json().get("error").asString()).contains("/api/vnext/teams/some-team/detail/");
    }

    @Test
    void leavesOtherPathsAlone() {
        ApiClient api = new ApiClient(port);

        assertThat(api.get("/api/no-such-thing", null).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login/", "{\"username\":\"a\",\"password\":\"b\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void servesTheFavicon() {
        Reply favicon = new ApiClient(port).get("/favicon.ico", null);

        assertThat(favicon.status()).isEqualTo(200);
        assertThat(favicon.header("Content-Type")).contains("image/");
    }
}
