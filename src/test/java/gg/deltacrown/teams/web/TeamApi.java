package gg.deltacrown.teams.web;

import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;

/** The team endpoints as the runbook calls them, for tests. */
final class TeamApi {

    private final ApiClient api;

    TeamApi(ApiClient api) {
        this.api = api;
    }

    Reply create(String token, String body) {
        return api.post("/api/vnext/teams/create/", body, token);
    }

    /** Creates an independent team and returns its slug. */
    String createTeam(String token, String name, int gameId) {
        Reply reply = create(token, "{\"name\":\"" + name + "\",\"game_id\":" + gameId + ",\"region\":\"NA\"}");
        if (reply.status() != 201) {
            throw new AssertionError("team creation failed: " + reply);
        }
        return reply.json().get("team_slug").asString();
    }

    Reply detail(String token, String slug) {
        return api.get("/api/vnext/teams/" + slug + "/detail/", token);
    }

    Reply addMember(String token, String slug, String body) {
        return api.post("/api/vnext/teams/" + slug + "/members/add/", body, token);
    }

    /** Adds a member with a role and returns the membership id. */
    long addMember(String token, String slug, String userLookup, String role) {
        Reply reply = addMember(token, slug, "{\"user_lookup\":\"" + userLookup + "\",\"role\":\"" + role + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("adding a member failed: " + reply);
        }
        return reply.json().get("membership_id").asLong();
    }

    Reply changeRole(String token, String slug, long membershipId, String body) {
        return api.post("/api/vnext/teams/" + slug + "/members/" + membershipId + "/role/", body, token);
    }

    Reply remove(String token, String slug, long membershipId) {
        return api.post("/api/vnext/teams/" + slug + "/members/" + membershipId + "/remove/", null, token);
    }

    Reply settings(String token, String slug, String body) {
        return api.post("/api/vnext/teams/" + slug + "/settings/", body, token);
    }

    Reply createOrganization(String token, String body) {
        return api.post("/api/vnext/organizations/create/", body, token);
    }
}
