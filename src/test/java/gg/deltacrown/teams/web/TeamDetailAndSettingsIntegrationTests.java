package gg.deltacrown.teams.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code GET …/detail/} and {@code POST …/settings/} (runbook Flow 4). */
@IntegrationTest
class TeamDetailAndSettingsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    TeamApi teams;
    String ownerToken;
    String otherToken;
    String slug;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        teams = new TeamApi(api);
        AccountFixture fixture = new AccountFixture(accounts);
        fixture.player("testuser");
        fixture.player("testmember");
        ownerToken = api.login("testuser", "testpass");
        otherToken = api.login("testmember", "testpass");
        slug = teams.create(ownerToken, """
                {"name": "Staging Test Team Alpha", "game_id": 1, "region": "NA",
                 "branding": {"logo_url": "https://cdn.example.com/test.png"}}""").json().get("team_slug").asString();
    }

    @Test
    void showsTheTeamItsActiveRosterAndNoInvites() {
        long memberId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");
        teams.addMember(ownerToken, slug, "{\"user_lookup\":\"testmember\",\"role\":\"COACH\",\"is_active\":false}");

        Reply reply = teams.detail(otherToken, slug);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode team = reply.json().get("team");
        assertThat(reply.json().propertyNames()).containsExactly("team", "members", "invites");
        assertThat(team.propertyNames())
                .containsExactly(
                        "id",
                        "name",
                        "slug",
                        "logo_url",
                        "banner_url",
                        "game_id",
                        "region",
                        "status",
                        "description",
                        "is_organization_team",
                        "organization_name",
                        "organization_slug",
                        "owner_username",
                        "created_at");
        assertThat(team.get("slug").asString()).isEqualTo("staging-test-team-alpha");
        assertThat(team.get("logo_url").asString()).isEqualTo("https://cdn.example.com/test.png");
        assertThat(team.get("banner_url").isNull()).isTrue();
        assertThat(team.get("is_organization_team").asBoolean()).isFalse();
        assertThat(team.get("organization_name").isNull()).isTrue();
        assertThat(team.get("owner_username").asString()).isEqualTo("testuser");
        assertThat(team.get("created_at").asString()).endsWith("+00:00");
        assertThat(reply.json().get("members").findValuesAsString("username"))
                .containsExactly("testuser", "testmember");
        assertThat(reply.json().get("members").get(1).get("membership_id").asLong())
                .isEqualTo(memberId);
        assertThat(reply.json().get("invites")).isEmpty();
    }

    @Test
    void showsTheDefaultLogoWithoutBranding() {
        String plain = teams.createTeam(ownerToken, "Plain Team", 2);

        assertThat(teams.detail(ownerToken, plain)
                        .json()
                        .get("team")
                        .get("logo_url")
                        .asString())
                .isEqualTo("/static/images/default_team_logo.png");
        assertThat(new ApiClient(port)
                        .get("/static/images/default_team_logo.png", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownTeamIs404() {
        Reply reply = teams.detail(ownerToken, "nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"error_code\":\"TEAM_NOT_FOUND\",\"message\":\"Team not found: nope\"}");
    }

    @Test
    void updatesTheRunbooksSettingsAndKeepsTheLogoInTheBranding() {
        Reply reply = teams.settings(ownerToken, slug, """
                {"region": "EU", "description": "Updated via dual-write test",
                 "logo_url": "https://cdn.example.com/updated.png"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        JsonNode team = reply.json().get("team");
        assertThat(team.propertyNames())
                .containsExactly(
                        "id",
                        "name",
                        "slug",
                        "logo_url",
                        "banner_url",
                        "game_id",
                        "region",
                        "status",
                        "description",
                        "preferred_server",
                        "is_organization_team",
                        "organization_name",
                        "organization_slug",
                        "created_at");
        assertThat(team.get("region").asString()).isEqualTo("EU");
        assertThat(team.get("description").asString()).isEqualTo("Updated via dual-write test");
        assertThat(team.get("logo_url").asString()).isEqualTo("https://cdn.example.com/updated.png");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT region, description, branding->>'logo_url' AS logo, updated_at > created_at AS touched "
                        + "FROM organizations_team WHERE slug = ?",
                slug);
        assertThat(row)
                .containsEntry("region", "EU")
                .containsEntry("logo", "https://cdn.example.com/updated.png")
                .containsEntry("touched", true);
    }

    @Test
    void leavesAbsentAndNullSettingsAsTheyAre() {
        teams.settings(
                ownerToken,
                slug,
                "{\"preferred_server\": \"Frankfurt\", \"banner_url\": \"https://cdn.example.com/b.png\"}");

        Reply reply = teams.settings(ownerToken, slug, "{\"region\": null, \"logo_url\": \"\"}");

        JsonNode team = reply.json().get("team");
        assertThat(team.get("region").asString()).isEqualTo("NA");
        assertThat(team.get("preferred_server").asString()).isEqualTo("Frankfurt");
        assertThat(team.get("banner_url").asString()).isEqualTo("https://cdn.example.com/b.png");
        assertThat(team.get("logo_url").asString()).isEqualTo("/static/images/default_team_logo.png");
    }

    @Test
    void refusesInvalidSettingsStrangersAndUnknownTeams() {
        Reply invalid = teams.settings(
                ownerToken,
                slug,
                "{\"region\": \"Atlantis\", \"preferred_server\": \"" + "x".repeat(51)
                        + "\", \"logo_url\": 5, \"description\": []}");
        Reply stranger = teams.settings(otherToken, slug, "{\"region\": \"EU\"}");
        Reply missing = teams.settings(ownerToken, "missing", "{\"region\": \"EU\"}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error_code").asString()).isEqualTo("validation_error");
        assertThat(invalid.json().get("details").propertyNames())
                .containsExactlyInAnyOrder("region", "preferred_server", "logo_url", "description");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json().get("message").asString())
                .isEqualTo("Only team owner or managers can update settings");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT region FROM organizations_team WHERE slug = ?", String.class, slug))
                .isEqualTo("NA");
    }
}
