package gg.deltacrown.teams.web;

import gg.deltacrown.teams.Branding;
import gg.deltacrown.teams.CreatedTeam;
import gg.deltacrown.teams.NewTeam;
import gg.deltacrown.teams.Team;
import gg.deltacrown.teams.TeamDetail;
import gg.deltacrown.teams.TeamSettings;
import gg.deltacrown.teams.Teams;
import gg.deltacrown.web.EndpointFailure;
import gg.deltacrown.web.SignedInUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/vnext/teams/…}: create a team, read it, change its settings. */
@RestController
class TeamApiController {

    static final String VALIDATION = "validation_error";

    private final Teams teams;
    private final JsonMapper json;

    TeamApiController(Teams teams, JsonMapper json) {
        this.teams = teams;
        this.json = json;
    }

    @PostMapping("/api/vnext/teams/create/")
    @EndpointFailure(
            event = "team_creation_error",
            message = "An unexpected error occurred",
            safeMessage = "Failed to create team. Please try again.")
    ResponseEntity<Map<String, Object>> create(
            @AuthenticationPrincipal SignedInUser me, @RequestBody(required = false) byte[] body) {
        teams.checkCreationAllowed(me.id());
        RequestFields fields = RequestFields.read(body, json, VALIDATION);
        RequestFields branding = fields.object("branding");
        NewTeam input = new NewTeam(
                fields.string("name"),
                fields.integer("game_id", false),
                fields.integer("organization_id", true),
                fields.nullableString("region"),
                branding == null
                        ? null
                        : new Branding(
                                branding.string("logo_url"),
                                branding.string("banner_url"),
                                branding.string("primary_color"),
                                branding.string("secondary_color"),
                                branding.string("tagline")));
        fields.throwIfInvalid(input.problems());

        CreatedTeam created = teams.create(me.id(), input);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("team_id", created.id());
        response.put("team_slug", created.slug());
        response.put("team_url", created.url());
        return ResponseEntity.status(HttpStatus.CREATED).body(response);
    }

    @GetMapping("/api/vnext/teams/{slug}/detail/")
    @EndpointFailure(event = "team_detail_error", message = "Failed to get team detail")
    Map<String, Object> detail(@AuthenticationPrincipal SignedInUser me, @PathVariable String slug) {
        TeamDetail detail = teams.detail(slug, me.id());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("team", TeamJson.detail(detail.team()));
        response.put("members", TeamJson.rosterWithIds(detail.members()));
        response.put("invites", List.of());
        return response;
    }

    @PostMapping("/api/vnext/teams/{slug}/settings/")
    @EndpointFailure(event = "team_settings_update_error", message = "Failed to update settings")
    Map<String, Object> settings(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @RequestBody(required = false) byte[] body) {
        RequestFields fields = RequestFields.read(body, json, VALIDATION);
        TeamSettings input = new TeamSettings(
                fields.nullableString("region"),
                fields.nullableString("description"),
                fields.nullableString("preferred_server"),
                fields.nullableString("logo_url"),
                fields.nullableString("banner_url"));
        fields.throwIfInvalid(input.problems());

        Team team = teams.updateSettings(slug, me.id(), input);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("team", TeamJson.settings(team));
        return response;
    }
}
