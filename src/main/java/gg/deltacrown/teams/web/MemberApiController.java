package gg.deltacrown.teams.web;

import gg.deltacrown.teams.AddedMember;
import gg.deltacrown.teams.Membership;
import gg.deltacrown.teams.Memberships;
import gg.deltacrown.teams.NewMember;
import gg.deltacrown.teams.RoleChange;
import gg.deltacrown.web.EndpointFailure;
import gg.deltacrown.web.SignedInUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/vnext/teams/<slug>/members/…}: add, change role, remove. */
@RestController
class MemberApiController {

    static final String VALIDATION = "VALIDATION_ERROR";
    private static final String MEMBER = "/api/vnext/teams/{slug}/members/{memberId:[0-9]{1,18}}";

    private final Memberships memberships;
    private final JsonMapper json;

    MemberApiController(Memberships memberships, JsonMapper json) {
        this.memberships = memberships;
        this.json = json;
    }

    @PostMapping("/api/vnext/teams/{slug}/members/add/")
    @EndpointFailure(event = "team_member_add_error", message = "Failed to add member")
    Map<String, Object> add(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @RequestBody(required = false) byte[] body) {
        memberships.checkWritesAllowed("team_member_add", me.id());
        RequestFields fields = RequestFields.read(body, json, VALIDATION);
        NewMember input = new NewMember(
                fields.nullableString("user_lookup"),
                fields.nullableString("role"),
                fields.nullableString("slot"),
                fields.bool("is_active", true));
        fields.throwIfInvalid();

        AddedMember added = memberships.add(slug, me.id(), input);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("membership_id", added.member().id());
        response.put("member", TeamJson.member(added.member()));
        response.put("members", TeamJson.members(added.roster()));
        return response;
    }

    @PostMapping(MEMBER + "/role/")
    @EndpointFailure(event = "team_member_role_update_error", message = "Failed to update role")
    Map<String, Object> changeRole(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @PathVariable long memberId,
            @RequestBody(required = false) byte[] body) {
        memberships.checkWritesAllowed("team_member_role_update", me.id());
        RequestFields fields = RequestFields.read(body, json, VALIDATION);
        RoleChange change = new RoleChange(fields.nullableString("role"), fields.nullableString("slot"));
        fields.throwIfInvalid();

        Membership member = memberships.changeRole(slug, memberId, me.id(), change);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("member", TeamJson.member(member));
        return response;
    }

    @PostMapping(MEMBER + "/remove/")
    @EndpointFailure(event = "team_member_remove_error", message = "Failed to remove member")
    Map<String, Object> remove(
            @AuthenticationPrincipal SignedInUser me, @PathVariable String slug, @PathVariable long memberId) {
        List<Membership> roster = memberships.remove(slug, memberId, me.id());

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("members", TeamJson.members(roster));
        return response;
    }
}
