package gg.deltacrown.teams.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/vnext/teams/create/} (runbook Flow 1). */
@IntegrationTest
class TeamCreationIntegrationTests {

    private static final String RUNBOOK_TEAM = """
            {
              "name": "Staging Test Team Alpha",
              "game_id": 1,
              "region": "NA",
              "branding": {
                "logo_url": "https://cdn.example.com/test.png",
                "primary_color": "#FF0000"
              }
            }""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    TeamApi teams;
    Account testuser;
    String token;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        teams = new TeamApi(api);
        testuser = new AccountFixture(accounts).player("testuser");
        token = api.login("testuser", "testpass");
    }

    @Test
    void createsTheRunbooksIndependentTeamOwnedByTheRequester() {
        Reply reply = teams.create(token, RUNBOOK_TEAM);

        assertThat(reply.status()).isEqualTo(201);
        long teamId = reply.json().get("team_id").asLong();
        assertThat(reply.body())
                .isEqualTo(
                        "{\"team_id\":" + teamId
                                + ",\"team_slug\":\"staging-test-team-alpha\",\"team_url\":\"/organizations/teams/staging-test-team-alpha/\"}");
        Map<String, Object> team = jdbc.queryForMap("""
                SELECT name, slug, owner_id, organization_id, game_id, region, status, branding::text AS branding,
                       description, preferred_server, is_temporary
                  FROM organizations_team WHERE id = ?""", teamId);
        assertThat(team)
                .containsEntry("name", "Staging Test Team Alpha")
                .containsEntry("owner_id", testuser.id())
                .containsEntry("organization_id", null)
                .containsEntry("game_id", 1)
                .containsEntry("region", "NA")
                .containsEntry("status", "ACTIVE")
                .containsEntry(
                        "branding",
                        "{\"logo_url\": \"https://cdn.example.com/test.png\", \"primary_color\": \"#FF0000\"}")
                .containsEntry("description", "")
                .containsEntry("is_temporary", false);
        assertThat(jdbc.queryForMap("""
                SELECT user_id, role, status, roster_slot, is_tournament_captain
                  FROM organizations_membership WHERE team_id = ?""", teamId))
                .containsEntry("user_id", testuser.id())
                .containsEntry("role", "OWNER")
                .containsEntry("status", "ACTIVE")
                .containsEntry("roster_slot", null)
                .containsEntry("is_tournament_captain", false);
        assertThat(count("teams_team")).isZero();
    }

    @Test
    void givesTheNextFreeSlugToTeamsWithTheSameName() {
        List<String> slugs = new ArrayList<>();
        for (int game = 1; game <= 3; game++) {
            slugs.add(teams.createTeam(token, "Same Name", game));
        }

        assertThat(slugs).containsExactly("same-name", "same-name-1", "same-name-2");
    }

    @Test
    void givesNamesWithoutAsciiLettersAnAsciiSlug() {
        Reply first = teams.create(token, "{\"name\":\"战队战队\",\"game_id\":1}");
        Reply second = teams.create(token, "{\"name\":\"Сборная\",\"game_id\":2}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("team_slug").asString()).isEqualTo("team");
        assertThat(second.json().get("team_slug").asString()).isEqualTo("team-1");
        assertThat(jdbc.queryForObject("SELECT name FROM organizations_team WHERE slug = 'team'", String.class))
                .isEqualTo("战队战队");
    }

    @Test
    void treatsANullRegionAsNoRegionAndUpperCasesCodes() {
        Reply none = teams.create(token, "{\"name\":\"No Region\",\"game_id\":1,\"region\":null,\"branding\":null}");
        Reply lower = teams.create(token, "{\"name\":\"Lower Region\",\"game_id\":2,\"region\":\" eu \"}");

        assertThat(none.status()).isEqualTo(201);
        assertThat(lower.status()).isEqualTo(201);
        assertThat(jdbc.queryForList("SELECT region FROM organizations_team ORDER BY id", String.class))
                .containsExactly("", "EU");
    }

    @Test
    void refusesASecondActiveIndependentTeamForTheSameGameWith409() {
        teams.createTeam(token, "First Team", 1);

        Reply second = teams.create(token, "{\"name\":\"Second Team\",\"game_id\":1}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("error_code").asString()).isEqualTo("one_independent_team_per_game");
        assertThat(second.json().get("safe_message").asString()).isEqualTo("You already have a team for this game.");
        assertThat(count("organizations_team")).isEqualTo(1);
        assertThat(count("organizations_membership")).isEqualTo(1);
    }

    @Test
    void reportsEveryInvalidFieldInTheValidationEnvelope() {
        Reply reply = teams.create(token, """
                {"name": "ab", "game_id": "one", "region": "Mars",
                 "branding": {"logo_url": "not a url", "primary_color": "FF0000", "tagline": null}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(JSON.readTree("""
                {"error_code":"validation_error","message":"Invalid input data","details":{\
                "game_id":["A valid integer is required."],\
                "branding":{"tagline":["This field may not be null."],"logo_url":["Enter a valid URL."],\
                "primary_color":["Color must be hex format (e.g., #FF5733)"]},\
                "name":["Ensure this field has at least 3 characters."],\
                "region":["Invalid region code. Valid codes: NA, EU, APAC, LATAM, OCE, ME, AF, SA"]}}"""));
        assertThat(count("organizations_team")).isZero();
    }

    @Test
    void reportsMissingNullAndWronglyTypedFields() {
        assertThat(details(teams.create(token, "{}")))
                .isEqualTo("{\"name\":[\"This field is required.\"],\"game_id\":[\"This field is required.\"]}");
        assertThat(details(teams.create(token, "{\"name\":null,\"game_id\":null}")))
                .isEqualTo(
                        "{\"name\":[\"This field may not be null.\"],\"game_id\":[\"This field may not be null.\"]}");
        assertThat(details(teams.create(token, "{\"name\":[\"x\"],\"game_id\":true,\"branding\":\"red\"}")))
                .isEqualTo(
                        "{\"name\":[\"Not a valid string.\"],\"game_id\":[\"A valid integer is required.\"],"
                                + "\"branding\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}}");
        assertThat(details(teams.create(token, "{\"name\":\"" + "x".repeat(51) + "\",\"game_id\":1.5}")))
                .isEqualTo("{\"game_id\":[\"A valid integer is required.\"],"
                        + "\"name\":[\"Ensure this field has no more than 50 characters.\"]}");
        assertThat(details(
                        teams.create(token, "{\"name\":\"  \",\"game_id\":0,\"region\":\"" + "x".repeat(11) + "\"}")))
                .isEqualTo("{\"name\":[\"This field may not be blank.\"],"
                        + "\"game_id\":[\"Ensure this value is greater than or equal to 1.\"],"
                        + "\"region\":[\"Ensure this field has no more than 10 characters.\"]}");
        assertThat(details(teams.create(token, "{\"name\":\"System\",\"game_id\":\"7\"}")))
                .isEqualTo("{\"name\":[\"This team name is reserved.\"]}");
        assertThat(count("organizations_team")).isZero();
    }

    @Test
    void answersMalformedJsonAndNonObjectsWith400() {
        Reply malformed = teams.create(token, "{\"name\": \"Alpha\", ");
        Reply list = teams.create(token, "[1, 2]");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body())
                .isEqualTo(
                        "{\"error_code\":\"validation_error\",\"message\":\"Invalid input data\","
                                + "\"details\":{\"non_field_errors\":[\"JSON parse error - the request body is not valid JSON.\"]}}");
        assertThat(list.status()).isEqualTo(400);
        assertThat(details(list))
                .isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
    }

    @Test
    void theCreateGateRefusesInTheOrderOfSpecSection3() {
        flags.change(Flag.ROUTING_MODE, "legacy_only", FlagSource.RUNTIME, "test", "");
        assertGate("vNext team creation is not available (legacy-only mode active).");
        flags.change(Flag.ADAPTER_ENABLED, "false", FlagSource.RUNTIME, "test", "");
        assertGate("vNext team creation is not yet enabled. Please use legacy team creation.");
        flags.change(Flag.FORCE_LEGACY, "true", FlagSource.RUNTIME, "test", "");
        assertGate("vNext team creation is currently disabled (emergency mode active).");
        assertThat(count("organizations_team")).isZero();
    }

    @Test
    void theGateComesBeforeValidation() {
        flags.change(Flag.FORCE_LEGACY, "true", FlagSource.RUNTIME, "test", "");

        Reply reply = teams.create(token, "not even json");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("vnext_creation_disabled");
    }

    @Test
    void concurrentCreationsOfTheSameNameGetDistinctSlugsAndNoServerError() throws Exception {
        AccountFixture accountFixture = new AccountFixture(accounts);
        ApiClient api = new ApiClient(port);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accountFixture.player("racer" + i);
            tokens.add(api.login("racer" + i, "testpass"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (String racer : tokens) {
                calls.add(() -> teams.create(racer, "{\"name\":\"Race Team\",\"game_id\":1}"));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(calls)) {
                statuses.add(reply.get().status());
            }
            assertThat(statuses).containsOnly(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForList("SELECT slug FROM organizations_team ORDER BY slug", String.class))
                .containsExactlyInAnyOrder(
                        "race-team", "race-team-1", "race-team-2", "race-team-3", "race-team-4", "race-team-5");
    }

    @Test
    void anUnknownHttpMethodOnTheEndpointIs405() {
        Reply reply = new ApiClient(port).get("/api/vnext/teams/create/", token);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    private void assertGate(String message) {
        Reply reply = teams.create(token, RUNBOOK_TEAM);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("vnext_creation_disabled");
        assertThat(reply.json().get("message").asString()).isEqualTo(message);
        assertThat(reply.json().get("safe_message").asString()).isEqualTo(message);
    }

    private static String details(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("validation_error");
        return reply.json().get("details").toString();
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
