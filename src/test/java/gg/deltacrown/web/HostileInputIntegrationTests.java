package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.PageSession;
import gg.deltacrown.support.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an anonymous or signed-in client can send that used to hurt the service (a body read whole
 * into memory, a NUL reaching PostgreSQL, {@code 1e400}, an admin body of the wrong shape, a game
 * nobody knows) now gets a 4xx naming the problem, changes nothing, and leaves the service healthy.
 */
@IntegrationTest
class HostileInputIntegrationTests {

    private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;
    /** What socket buffers and Tomcat's swallow of a refused body may take in; far below 200 MB. */
    private static final long READ_AT_MOST = 16L * 1024 * 1024;

    private static final String NUL = "\\u0000";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String player;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        AccountFixture fixture = new AccountFixture(accounts);
        fixture.player("alice");
        fixture.player("bob");
        fixture.staff("operator");
        player = api.login("alice", AccountFixture.PASSWORD);
        operator = api.login("operator", AccountFixture.PASSWORD);
    }

    @Test
    void a200MegabyteLoginBodyIs413BeforeItIsRead() {
        RawHttp.Response response = RawHttp.stream(port, loginHead(), TWO_HUNDRED_MB, false, (byte) 'a');

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"Request body too large: at most 1048576 bytes are accepted.\","
                        + "\"code\":\"PAYLOAD_TOO_LARGE\"}");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.bodyBytesSent()).isLessThan(READ_AT_MOST);
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
    }

    @Test
    void threeChunked200MegabyteBodiesAtOnceAre413AfterTheLimitAndTheServiceStaysHealthy() {
        List<CompletableFuture<RawHttp.Response>> uploads =
                List.of("/api/auth/login/", "/api/token/", "/api/vnext/teams/create/").stream()
                        .map(path -> CompletableFuture.supplyAsync(() -> RawHttp.stream(
                                port,
                                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                                        + "\r\nAuthorization: Bearer " + player,
                                TWO_HUNDRED_MB,
                                true,
                                (byte) ' ')))
                        .toList();

        for (CompletableFuture<RawHttp.Response> upload : uploads) {
            RawHttp.Response response = upload.join();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
            assertThat(response.bodyBytesSent()).isLessThan(READ_AT_MOST);
        }
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
        assertThat(api.login("bob", AccountFixture.PASSWORD)).isNotBlank();
    }

    @Test
    void aFormBodyAboveTheLimitIs413Too() {
        RawHttp.Response declared = RawHttp.stream(
                port,
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded",
                TWO_HUNDRED_MB,
                false,
                (byte) 'a');
        RawHttp.Response chunked = RawHttp.stream(
                port,
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded",
                2L * 1024 * 1024,
                true,
                (byte) 'a');

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.bodyBytesSent()).isLessThan(READ_AT_MOST);
        assertThat(chunked.status()).isIn(400, 413);
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
    }

    @Test
    void aNulInAnyJsonStringIs400NamingTheFieldAndWritesNothing() {
        assertThat(api.post("/api/auth/login/", "{\"username\":\"alice" + NUL + "\",\"password\":\"x\"}")
                        .body())
                .isEqualTo("{\"error\":\"Invalid input.\",\"code\":\"VALIDATION_ERROR\","
                        + "\"details\":{\"username\":[\"Null characters are not allowed.\"]}}");
        assertThat(api.post("/api/token/", "{\"username\":\"alice\",\"password\":\"" + NUL + "\"}")
                        .status())
                .isEqualTo(400);

        Reply team = api.post(
                "/api/vnext/teams/create/",
                "{\"name\":\"Null" + NUL + "Team\",\"game_id\":1,\"branding\":{\"tagline\":\"" + NUL + "\"}}",
                player);
        assertThat(team.status()).isEqualTo(400);
        assertThat(team.body())
                .isEqualTo("{\"error_code\":\"validation_error\",\"message\":\"Invalid input data\",\"details\":"
                        + "{\"name\":[\"Null characters are not allowed.\"],"
                        + "\"branding\":{\"tagline\":[\"Null characters are not allowed.\"]}}}");

        String slug = api.post("/api/vnext/teams/create/", "{\"name\":\"Clean Team\",\"game_id\":1}", player)
                .json()
                .get("team_slug")
                .asString();
        Reply settings =
                api.post("/api/vnext/teams/" + slug + "/settings/", "{\"description\":\"a" + NUL + "b\"}", player);
        Reply member =
                api.post("/api/vnext/teams/" + slug + "/members/add/", "{\"user_lookup\":\"bob" + NUL + "\"}", player);
        Reply organization =
                api.post("/api/vnext/organizations/create/", "{\"name\":\"Org" + NUL + "\",\"slug\":\"org\"}", player);
        Reply flag = api.post(
                "/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/",
                "{\"value\":\"true\",\"reason\":\"because" + NUL + "\"}",
                operator);

        assertThat(settings.json().get("details").get("description").get(0).asString())
                .isEqualTo("Null characters are not allowed.");
        assertThat(member.json().get("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(member.json().get("details").has("user_lookup")).isTrue();
        assertThat(organization.json().get("details").has("name")).isTrue();
        assertThat(flag.status()).isEqualTo(400);
        assertThat(flag.json().get("details").has("reason")).isTrue();
        assertThat(List.of(settings.status(), member.status(), organization.status()))
                .containsOnly(400);
        assertThat(rows("organizations_team")).isEqualTo(1);
        assertThat(rows("organizations_membership")).isEqualTo(1);
        assertThat(rows("organizations_organization")).isZero();
        assertThat(rows("organizations_feature_flag_change")).isZero();
    }

    @Test
    void aLoneSurrogateIs400TooButAPairIsText() {
        Reply lone = api.post("/api/vnext/teams/create/", "{\"name\":\"Team \\ud800\",\"game_id\":1}", player);
        Reply pair = api.post("/api/vnext/teams/create/", "{\"name\":\"Team \\ud83d\\udc51\",\"game_id\":1}", player);

        assertThat(lone.status()).isEqualTo(400);
        assertThat(lone.json().get("details").get("name").get(0).asString())
                .isEqualTo("Surrogate characters are not allowed: U+D800.");
        assertThat(pair.status()).isEqualTo(201);
    }

    @Test
    void outOfRangeNumbersAre400NamingTheField() {
        Reply infinite = api.post("/api/vnext/teams/create/", "{\"name\":\"Big Team\",\"game_id\":1e400}", player);
        Reply huge = api.post(
                "/api/vnext/teams/create/",
                "{\"name\":\"Big Team\",\"game_id\":123456789012345678901234567890}",
                player);
        Reply login = api.post("/api/auth/login/", "{\"username\":-1e400,\"password\":\"x\"}");

        assertThat(infinite.status()).isEqualTo(400);
        assertThat(infinite.json().get("details").has("game_id")).isTrue();
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("details").has("game_id")).isTrue();
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.json().get("details").has("username")).isTrue();
        assertThat(rows("organizations_team")).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ids\": [\"x\"]}",
                "{\"ids\": [[1]]}",
                "{\"ids\": [1e30]}",
                "{\"ids\": [123456789012345678901234567890]}",
                "{\"all\": \"yes\"}",
                "{\"ids\": 1}",
                "{\"ids\": [], \"all\": false}"
            })
    void theAdminApisBadShapesAre400(String body) {
        for (String path : List.of("/api/admin/outbox/unblock/", "/api/admin/outbox/retry/")) {
            Reply reply = api.post(path, body, operator);

            assertThat(reply.status()).as("%s %s -> %s", path, body, reply).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 77, 2147483647})
    void anUnknownGameIs400AndCreatesNoTeam(int gameId) {
        Reply reply =
                api.post("/api/vnext/teams/create/", "{\"name\":\"Ghost Team\",\"game_id\":" + gameId + "}", player);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("details").get("game_id").get(0).asString())
                .isIn("\"" + gameId + "\" is not a valid choice.", "Ensure this value is greater than or equal to 1.");
        assertThat(rows("organizations_team")).isZero();
    }

    @Test
    void aNulInAPageFormIs400NamingTheFieldAndWritesNothing() {
        PageSession browser = new PageSession(port);
        assertThat(browser.login("alice", AccountFixture.PASSWORD).statusCode()).isEqualTo(302);
        browser.get("/teams/create/");

        HttpResponse<String> create =
                browser.post("/teams/create/", Map.of("name", "Nul\0Team", "gameId", "1", "region", "NA"));
        HttpResponse<String> unknownGame =
                browser.post("/teams/create/", Map.of("name", "Ghost Team", "gameId", "77", "region", "NA"));
        HttpResponse<String> login = new PageSession(port).login("alice\0", "x");

        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(create.body()).contains("name: Null characters are not allowed.");
        assertThat(unknownGame.statusCode()).isEqualTo(200);
        assertThat(unknownGame.body()).contains("&quot;77&quot; is not a valid choice.");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.body()).contains("username: Null characters are not allowed.");
        assertThat(rows("organizations_team")).isZero();
    }

    @Test
    void aNulInAQueryOrPathIsAClientErrorToo() {
        Reply status = api.get("/api/admin/outbox/?status=%00", operator);
        Reply region = api.get("/api/admin/validation-report/?region=NA%00", operator);
        Reply path = api.get("/api/vnext/teams/a%00b/detail/", player);

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.body())
                .isEqualTo("{\"error\":\"Invalid input.\",\"code\":\"VALIDATION_ERROR\","
                        + "\"details\":{\"status\":[\"Null characters are not allowed.\"]}}");
        assertThat(region.status()).isEqualTo(400);
        assertThat(region.json().get("details").has("region")).isTrue();
        // Tomcat refuses an encoded NUL in a path itself, before the application sees it.
        assertThat(path.status()).isEqualTo(400);
    }

    private String loginHead() {
        return "POST /api/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json";
    }

    private int rows(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
