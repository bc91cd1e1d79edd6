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
import tools.jackson.databind.JsonNode;

/** Roster endpoints: add, change role, remove; runbook Flows 2, 3 and 5. */
@IntegrationTest
class MemberIntegrationTests {

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
    Account owner;
    Account member;
    String ownerToken;
    String memberToken;
    String slug;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        teams = new TeamApi(api);
        AccountFixture fixture = new AccountFixture(accounts);
        owner = fixture.player("testuser");
        member = fixture.player("testmember");
        fixture.player("outsider");
        ownerToken = api.login("testuser", "testpass");
        memberToken = api.login("testmember", "testpass");
        slug = teams.createTeam(ownerToken, "Staging Test Team Alpha", 1);
    }

    @Test
    void addsTheRunbooksMemberAndAnswersTheMemberAndTheRoster() {
        Reply reply = teams.addMember(ownerToken, slug, """
                {"user_lookup": "testmember", "role": "PLAYER", "is_active": true}""");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        long membershipId = body.get("membership_id").asLong();
        assertThat(body.get("success").asBoolean()).isTrue();
        JsonNode added = body.get("member");
        assertThat(added.propertyNames())
                .containsExactly(
                        "id",
                        "user_id",
                        "username",
                        "display_name",
                        "role",
                        "roster_slot",
                        "status",
                        "is_tournament_captain",
                        "joined_date");
        assertThat(added.get("id").asLong()).isEqualTo(membershipId);
        assertThat(added.get("user_id").asLong()).isEqualTo(member.id());
        assertThat(added.get("username").asString()).isEqualTo("testmember");
        assertThat(added.get("display_name").asString()).isEqualTo("testmember");
        assertThat(added.get("role").asString()).isEqualTo("PLAYER");
        assertThat(added.get("roster_slot").asString()).isEmpty();
        assertThat(added.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(added.get("is_tournament_captain").asBoolean()).isFalse();
        assertThat(added.get("joined_date").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        assertThat(body.get("members")).hasSize(2);
        assertThat(body.get("members").get(0).get("role").asString()).isEqualTo("OWNER");
        assertThat(body.get("members").get(1).get("id").asLong()).isEqualTo(membershipId);
        assertThat(jdbc.queryForMap(
                        "SELECT role, status, created_at IS NOT NULL AS has_created FROM organizations_teammembership WHERE id = ?",
                        membershipId))
                .containsEntry("role", "PLAYER")
                .containsEntry("status", "ACTIVE")
                .containsEntry("has_created", true);
    }

    @Test
    void findsUsersByIdAsJsonNumberOrStringAndByEmail() {
        Account second = new AccountFixture(accounts).player("second");
        Account third = new AccountFixture(accounts).player("third");

        Reply byNumber =
                teams.addMember(ownerToken, slug, "{\"user_lookup\": " + member.id() + ", \"role\": \"PLAYER\"}");
        Reply byString =
                teams.addMember(ownerToken, slug, "{\"user_lookup\": \"" + second.id() + "\", \"role\": \"COACH\"}");
        Reply byEmail =
                teams.addMember(ownerToken, slug, "{\"user_lookup\": \"THIRD@example.com\", \"role\": \"analyst\"}");

        assertThat(byNumber.json().get("member").get("username").asString()).isEqualTo("testmember");
        assertThat(byString.json().get("member").get("username").asString()).isEqualTo("second");
        assertThat(byEmail.json().get("member").get("user_id").asLong()).isEqualTo(third.id());
        assertThat(byEmail.json().get("member").get("role").asString()).isEqualTo("ANALYST");
        assertThat(byEmail.json().get("members").findValuesAsString("role"))
                .containsExactly("OWNER", "COACH", "PLAYER", "ANALYST");
    }

    @Test
    void addsAnInactiveMemberAsInvitedWithItsSlot() {
        Reply reply = teams.addMember(
                ownerToken,
                slug,
                "{\"user_lookup\": \"testmember\", \"role\": \"SUBSTITUTE\", \"slot\": \"substitute\", \"is_active\": false}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("member").get("status").asString()).isEqualTo("INVITED");
        assertThat(reply.json().get("member").get("roster_slot").asString()).isEqualTo("SUBSTITUTE");
        assertThat(reply.json().get("members")).hasSize(1);
    }

    @Test
    void refusesEachInvalidAdditionWithItsCode() {
        new AccountFixture(accounts).player("another");
        teams.addMember(ownerToken, slug, "testmember", "PLAYER");

        assertError(
                teams.addMember(ownerToken, "no-such-team", "{\"user_lookup\":\"x\",\"role\":\"PLAYER\"}"),
                404,
                "TEAM_NOT_FOUND",
                "Team not found: no-such-team");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"\",\"role\":\"PLAYER\"}"),
                400,
                "MISSING_FIELDS",
                "user_lookup and role are required");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"another\"}"),
                400,
                "MISSING_FIELDS",
                "user_lookup and role are required");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"another\",\"role\":\"CAPTAIN\"}"),
                400,
                "INVALID_ROLE",
                "Invalid role: CAPTAIN");
        assertError(
                teams.addMember(
                        ownerToken, slug, "{\"user_lookup\":\"another\",\"role\":\"PLAYER\",\"slot\":\"BENCH\"}"),
                400,
                "VALIDATION_ERROR",
                "Invalid roster slot: BENCH");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"nobody\",\"role\":\"PLAYER\"}"),
                404,
                "USER_NOT_FOUND",
                "User not found");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"testmember\",\"role\":\"COACH\"}"),
                409,
                "MEMBER_ALREADY_EXISTS",
                "User testmember already has an active membership on this team");
        assertError(
                teams.addMember(ownerToken, slug, "{\"user_lookup\":\"another\",\"role\":\"OWNER\"}"),
                409,
                "OWNER_ALREADY_EXISTS",
                "This team already has an owner (transfer ownership not implemented)");
        assertError(
                teams.addMember(memberToken, slug, "{\"user_lookup\":\"another\",\"role\":\"PLAYER\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS",
                "Only team owner or managers can add members");
        assertThat(activeMembers()).isEqualTo(2);
    }

    @Test
    void reportsWronglyTypedMemberFieldsAsValidationErrors() {
        Reply reply = teams.addMember(
                ownerToken, slug, "{\"user_lookup\": {\"id\": 1}, \"role\": [\"PLAYER\"], \"is_active\": \"maybe\"}");
        Reply malformed = teams.addMember(ownerToken, slug, "{\"user_lookup\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.json().get("details").propertyNames())
                .containsExactlyInAnyOrder("user_lookup", "role", "is_active");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error_code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(activeMembers()).isEqualTo(1);
    }

    @Test
    void aManagerMayManageTheRosterAndTheOwnerIdAloneIsEnough() {
        long managerMembership = teams.addMember(ownerToken, slug, "testmember", "MANAGER");
        // The original's hook tests: a team with owner_id and no OWNER membership still lets its owner manage it.
        jdbc.update("DELETE FROM organizations_membership WHERE role = 'OWNER'");

        assertThat(teams.addMember(memberToken, slug, "{\"user_lookup\":\"outsider\",\"role\":\"PLAYER\"}")
                        .status())
                .isEqualTo(200);
        assertThat(teams.changeRole(ownerToken, slug, managerMembership, "{\"role\":\"COACH\"}")
                        .status())
                .isEqualTo(200);
        assertThat(teams.addMember(ownerToken, slug, "{\"user_lookup\":\"testuser\",\"role\":\"OWNER\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void changesTheRunbooksRoleAndAnswersTheMember() {
        long membershipId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");

        Reply reply = teams.changeRole(ownerToken, slug, membershipId, "{\"role\": \"SUBSTITUTE\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        assertThat(reply.json().get("member").get("id").asLong()).isEqualTo(membershipId);
        assertThat(reply.json().get("member").get("role").asString()).isEqualTo("SUBSTITUTE");
        assertThat(reply.json().get("member").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM organizations_teammembership WHERE id = ?", String.class, membershipId))
                .isEqualTo("SUBSTITUTE");
        Reply slotOnly = teams.changeRole(ownerToken, slug, membershipId, "{\"slot\": \"STARTER\"}");
        assertThat(slotOnly.json().get("member").get("roster_slot").asString()).isEqualTo("STARTER");
        assertThat(slotOnly.json().get("member").get("role").asString()).isEqualTo("SUBSTITUTE");
        assertThat(teams.changeRole(ownerToken, slug, membershipId, null).status())
                .isEqualTo(200);
    }

    @Test
    void refusesEachInvalidRoleChangeWithItsCode() {
        long membershipId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");
        long ownerMembership =
                jdbc.queryForObject("SELECT id FROM organizations_membership WHERE role = 'OWNER'", Long.class);
        String otherSlug = teams.createTeam(memberToken, "Other Team", 2);
        long otherOwnerMembership = jdbc.queryForObject(
                "SELECT m.id FROM organizations_membership m JOIN organizations_team t ON t.id = m.team_id WHERE t.slug = ?",
                Long.class,
                otherSlug);

        assertError(
                teams.changeRole(ownerToken, "missing", membershipId, "{\"role\":\"COACH\"}"),
                404,
                "TEAM_NOT_FOUND",
                "Team not found: missing");
        assertError(
                teams.changeRole(ownerToken, slug, 999_999, "{\"role\":\"COACH\"}"),
                404,
                "MEMBERSHIP_NOT_FOUND",
                "Membership not found: 999999");
        assertError(
                teams.changeRole(ownerToken, slug, otherOwnerMembership, "{\"role\":\"COACH\"}"),
                404,
                "MEMBERSHIP_NOT_FOUND",
                "Membership not found: " + otherOwnerMembership);
        assertError(
                teams.changeRole(memberToken, slug, membershipId, "{\"role\":\"MANAGER\"}"),
                403,
                "INSUFFICIENT_PERMISSIONS",
                "Only team owner or managers can update roles");
        assertError(
                teams.changeRole(ownerToken, slug, ownerMembership, "{\"slot\":\"STARTER\"}"),
                400,
                "CANNOT_CHANGE_OWNER",
                "Cannot change OWNER role on independent teams (transfer ownership not implemented)");
        assertError(
                teams.changeRole(ownerToken, slug, membershipId, "{\"role\":\"LEGEND\"}"),
                400,
                "INVALID_ROLE",
                "Invalid role: LEGEND");
        assertError(
                teams.changeRole(ownerToken, slug, membershipId, "{\"role\":\"OWNER\"}"),
                409,
                "OWNER_ALREADY_EXISTS",
                "This team already has an owner (transfer ownership not implemented)");
        assertError(
                teams.changeRole(ownerToken, slug, membershipId, "{\"slot\":\"GOALKEEPER\"}"),
                400,
                "VALIDATION_ERROR",
                "Invalid roster slot: GOALKEEPER");
        assertThat(api.post("/api/vnext/teams/" + slug + "/members/abc/role/", "{}", ownerToken)
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "SELECT role FROM organizations_membership WHERE id = ?", String.class, membershipId))
                .isEqualTo("PLAYER");
    }

    @Test
    void removesTheRunbooksMemberSoftly() {
        long membershipId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");

        Reply reply = teams.remove(ownerToken, slug, membershipId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        assertThat(reply.json().get("members")).hasSize(1);
        assertThat(reply.json().get("members").get(0).get("role").asString()).isEqualTo("OWNER");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT status, left_at IS NOT NULL AS has_left, left_reason FROM organizations_membership WHERE id = ?",
                membershipId);
        assertThat(row)
                .containsEntry("status", "INACTIVE")
                .containsEntry("has_left", true)
                .containsEntry("left_reason", "Removed by manager");
        assertThat(teams.remove(ownerToken, slug, membershipId).status()).isEqualTo(200);
        assertThat(teams.addMember(ownerToken, slug, "{\"user_lookup\":\"testmember\",\"role\":\"PLAYER\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesEachInvalidRemovalWithItsCode() {
        long membershipId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");
        long ownerMembership =
                jdbc.queryForObject("SELECT id FROM organizations_membership WHERE role = 'OWNER'", Long.class);
        String otherSlug = teams.createTeam(memberToken, "Other Team", 2);

        assertError(
                teams.remove(ownerToken, "missing", membershipId), 404, "TEAM_NOT_FOUND", "Team not found: missing");
        assertError(
                teams.remove(ownerToken, otherSlug, membershipId),
                404,
                "MEMBERSHIP_NOT_FOUND",
                "Membership not found: " + membershipId);
        assertError(
                teams.remove(memberToken, slug, ownerMembership),
                403,
                "INSUFFICIENT_PERMISSIONS",
                "Only team owner or managers can remove members");
        assertError(
                teams.remove(ownerToken, slug, ownerMembership),
                400,
                "CANNOT_REMOVE_OWNER",
                "Cannot remove OWNER from independent teams (transfer ownership first)");
        assertThat(activeMembers()).isEqualTo(3);
    }

    @Test
    void forceLegacyRefusesEveryRosterWrite() {
        long membershipId = teams.addMember(ownerToken, slug, "testmember", "PLAYER");
        flags.change(Flag.FORCE_LEGACY, "true", FlagSource.RUNTIME, "test", "emergency");

        for (Reply reply : new Reply[] {
            teams.addMember(ownerToken, slug, "{\"user_lookup\":\"outsider\",\"role\":\"PLAYER\"}"),
            teams.changeRole(ownerToken, slug, membershipId, "{\"role\":\"COACH\"}"),
            teams.remove(ownerToken, slug, membershipId),
            teams.settings(ownerToken, slug, "{\"region\":\"EU\"}")
        }) {
            assertError(
                    reply,
                    403,
                    "vnext_writes_disabled",
                    "vNext team changes are currently disabled (emergency mode active). Please try again later.");
        }
        assertThat(activeMembers()).isEqualTo(2);
        assertThat(teams.detail(ownerToken, slug).status()).isEqualTo(200);
    }

    private void assertError(Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error_code").asString()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().get("message").asString()).isEqualTo(message);
    }

    private int activeMembers() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM organizations_membership WHERE status = 'ACTIVE'", Integer.class);
    }
}
