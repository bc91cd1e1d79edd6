package gg.deltacrown.teams.web;

import gg.deltacrown.teams.CreatedOrganization;
import gg.deltacrown.teams.NewOrganization;
import gg.deltacrown.teams.OrganizationBranding;
import gg.deltacrown.teams.Organizations;
import gg.deltacrown.web.EndpointFailure;
import gg.deltacrown.web.SignedInUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/vnext/organizations/create/}. */
@RestController
class OrganizationApiController {

    private final Organizations organizations;
    private final JsonMapper json;

    OrganizationApiController(Organizations organizations, JsonMapper json) {
        this.organizations = organizations;
        this.json = json;
    }

    @PostMapping("/api/vnext/organizations/create/")
    @EndpointFailure(
            event = "organization_creation_error",
            message = "An unexpected error occurred",
            safeMessage = "Failed to create organization. Please try again.")
    ResponseEntity<Map<String, Object>> create(
            @AuthenticationPrincipal SignedInUser me, @RequestBody(required = false) byte[] body) {
        organizations.checkCreationAllowed(me.id());
        RequestFields fields = RequestFields.read(body, json, TeamApiController.VALIDATION);
        RequestFields branding = fields.object("branding");
        NewOrganization input = new NewOrganization(
                fields.string("name"),
                fields.string("slug"),
                branding == null
                        ? null
                        : new OrganizationBranding(
                                branding.string("logo_url"),
                                branding.string("banner_url"),
                                branding.string("primary_color"),
                                branding.string("secondary_color"),
                                branding.string("tagline"),
                                branding.string("website_url")));
        fields.throwIfInvalid(input.problems());

        CreatedOrganization created = organizations.create(me.id(), input);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("organization_id", created.id());
        response.put("organization_slug", created.slug());
        return ResponseEntity.status(HttpStatus.CREATED).body(response);
    }
}
