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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Organisations and their teams (who may create and manage org-owned teams: README, HTTP API). */
@IntegrationTest
class OrganizationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    TeamApi teams;
    Account ceo;
    String ceoToken;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        teams = new TeamApi(api);
        ceo = new AccountFixture(accounts).player("ceo");
        ceoToken = api.login("ceo", "testpass");
    }

    @Test
    void createsAnOrganisationWithItsCreatorAsCeo() {
        Reply reply = teams.createOrganization(ceoToken, """
                {"name": "Crown Esports", "branding": {"logo_url": "https://cdn.example.com/crown.png",
                 "website_url": "https://crown.example.com", "primary_color": "#FFD700"}}""");

        assertThat(reply.status()).isEqualTo(201);
        long id = reply.json().get("organization_id").asLong();
        assertThat(reply.body()).isEqualTo("{\"organization_id\":" + id + ",\"organization_slug\":\"crown-esports\"}");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT ceo_id, logo, website, is_verified FROM organizations_organization WHERE id = ?", id);
        assertThat(row)
                .containsEntry("ceo_id", ceo.id())
                .containsEntry("logo", "https://cdn.example.com/crown.png")
                .containsEntry("website", "https://crown.example.com")
                .containsEntry("is_verified", false);
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM organizations_org_membership WHERE organization_id = ? AND user_id = ?",
                        String.class,
                        id,
                        ceo.id()))
                .isEqualTo("CEO");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_org_ranking WHERE organization_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void refusesASecondOrganisationOfTheSameCeoAndTakenNamesAndSlugs() {
        teams.createOrganization(ceoToken, "{\"name\": \"Crown Esports\", \"slug\": \"crown\"}");
        new AccountFixture(accounts).player("rival");
        String rival = api.login("rival", "testpass");

        Reply secondOfCeo = teams.createOrganization(ceoToken, "{\"name\": \"Another Org\"}");
        Reply sameName = teams.createOrganization(rival, "{\"name\": \"Crown Esports\"}");
        Reply sameSlug = teams.createOrganization(rival, "{\"name\": \"Crown Gaming\", \"slug\": \"CROWN\"}");

        assertThat(secondOfCeo.status()).isEqualTo(400);
        assertThat(secondOfCeo.json().get("error_code").asString()).isEqualTo("USER_ALREADY_CEO");
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.json().get("error_code").asString()).isEqualTo("organization_already_exists");
        assertThat(sameSlug.status()).isEqualTo(409);
        assertThat(sameSlug.json().get("error_code").asString()).isEqualTo("SLUG_CONFLICT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_organization", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void validatesOrganisationsAndHonoursTheCreateGate() {
        Reply invalid =
                teams.createOrganization(ceoToken, "{\"name\": \"vnext\", \"slug\": \"no spaces\", \"branding\": []}");
        flags.change(Flag.ADAPTER_ENABLED, "false", FlagSource.RUNTIME, "test", "");
        Reply gated = teams.createOrganization(ceoToken, "{\"name\": \"Crown Esports\"}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("details").propertyNames()).containsExactlyInAnyOrder("name", "slug", "branding");
        assertThat(gated.status()).isEqualTo(403);
        assertThat(gated.json().get("error_code").asString()).isEqualTo("vnext_creation_disabled");
        assertThat(gated.json().get("message").asString())
                .isEqualTo("vNext team creation is not yet enabled. Please use legacy team creation.");
    }

    @Test
    void ceoAndManagersCreateOrgTeamsOthersMayNot() {
        long organizationId = teams.createOrganization(ceoToken, "{\"name\": \"Crown Esports\"}")
                .json()
                .get("organization_id")
                .asLong();
        AccountFixture fixture = new AccountFixture(accounts);
        Account manager = fixture.player("manager");
        Account scout = fixture.player("scout");
        fixture.player("stranger");
        staff(organizationId, manager, "MANAGER");
        staff(organizationId, scout, "SCOUT");

        Reply byCeo = teams.create(
                ceoToken,
                "{\"name\": \"Crown Valorant\", \"game_id\": 1, \"organization_id\": " + organizationId + "}");
        Reply byManager = teams.create(
                api.login("manager", "testpass"),
                "{\"name\": \"Crown CS\", \"game_id\": 2, \"organization_id\": \"" + organizationId + "\"}");
        Reply byScout = teams.create(
                api.login("scout", "testpass"),
                "{\"name\": \"Crown Dota\", \"game_id\": 3, \"organization_id\": " + organizationId + "}");
        Reply byStranger = teams.create(
                api.login("stranger", "testpass"),
                "{\"name\": \"Crown Dota\", \"game_id\": 3, \"organization_id\": " + organizationId + "}");
        Reply unknownOrg =
                teams.create(ceoToken, "{\"name\": \"Ghost Team\", \"game_id\": 1, \"organization_id\": 999999}");

        assertThat(byCeo.status()).isEqualTo(201);
        assertThat(byCeo.json().get("team_url").asString()).isEqualTo("/organizations/teams/crown-valorant/");
        assertThat(byManager.status()).isEqualTo(201);
        for (Reply refused : new Reply[] {byScout, byStranger}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body())
                    .isEqualTo("{\"error_code\":\"permission_denied\","
                            + "\"message\":\"You must be CEO or manager to create org-owned teams.\","
                            + "\"safe_message\":\"You don't have permission to create teams for this organization.\"}");
        }
        assertThat(unknownOrg.status()).isEqualTo(404);
        assertThat(unknownOrg.body())
                .isEqualTo("{\"error_code\":\"organization_not_found\","
                        + "\"message\":\"Organization with ID 999999 does not exist.\","
                        + "\"safe_message\":\"The specified organization was not found.\"}");
        assertThat(jdbc.queryForList("SELECT owner_id FROM organizations_team", Long.class))
                .containsOnlyNulls()
                .hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_membership", Integer.class))
                .isZero();
    }

    @Test
    void orgManagersManageOrgTeamRostersAndOrgTeamsHaveNoOwnerRole() {
        long organizationId = teams.createOrganization(ceoToken, "{\"name\": \"Crown Esports\"}")
                .json()
                .get("organization_id")
                .asLong();
        AccountFixture fixture = new AccountFixture(accounts);
        staff(organizationId, fixture.player("manager"), "MANAGER");
        fixture.player("player");
        String slug = teams.create(
                        ceoToken,
                        "{\"name\": \"Crown Valorant\", \"game_id\": 1, \"organization_id\": " + organizationId + "}")
                .json()
                .get("team_slug")
                .asString();
        String managerToken = api.login("manager", "testpass");

        Reply added = teams.addMember(managerToken, slug, "{\"user_lookup\": \"player\", \"role\": \"PLAYER\"}");
        Reply owner = teams.addMember(ceoToken, slug, "{\"user_lookup\": \"manager\", \"role\": \"OWNER\"}");
        Reply promote = teams.changeRole(
                ceoToken, slug, added.json().get("membership_id").asLong(), "{\"role\": \"OWNER\"}");
        Reply byPlayer = teams.settings(api.login("player", "testpass"), slug, "{\"region\": \"EU\"}");
        Reply detail = teams.detail(managerToken, slug);

        assertThat(added.status()).isEqualTo(200);
        assertThat(owner.status()).isEqualTo(409);
        assertThat(owner.json().get("error_code").asString()).isEqualTo("MEMBER_ALREADY_EXISTS");
        assertThat(promote.status()).isEqualTo(400);
        assertThat(promote.json().get("error_code").asString()).isEqualTo("CANNOT_CHANGE_OWNER");
        assertThat(byPlayer.status()).isEqualTo(403);
        assertThat(byPlayer.json().get("message").asString())
                .isEqualTo("Only organization managers or team managers can update settings");
        assertThat(detail.json().get("team").get("is_organization_team").asBoolean())
                .isTrue();
        assertThat(detail.json().get("team").get("organization_slug").asString())
                .isEqualTo("crown-esports");
        assertThat(detail.json().get("team").get("owner_username").isNull()).isTrue();
    }

    private void staff(long organizationId, Account account, String role) {
        jdbc.update("""
                INSERT INTO organizations_org_membership (organization_id, user_id, role, permissions, joined_at)
                VALUES (?, ?, ?, '{}'::jsonb, now())""", organizationId, account.id(), role);
    }
}
