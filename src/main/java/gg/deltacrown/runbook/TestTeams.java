package gg.deltacrown.runbook;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The extra test teams of Phases 2.3, 5.1, 6 and 7, created over HTTP as the runbook's user.
 * They belong to the user's organisation (found, or created once and kept for later runs: an
 * organisation has no legacy counterpart), because an owner may have only one independent team per
 * game and Phase 5.1 alone creates forty teams, each of which must be a 201.
 */
final class TestTeams {

    private static final String OWN_ORGANIZATION = """
            SELECT o.id FROM organizations_organization o JOIN accounts_user u ON u.id = o.ceo_id
             WHERE u.username = :username ORDER BY o.id LIMIT 1
            """;

    private final RunContext run;
    private Long organizationId;

    TestTeams(RunContext run) {
        this.run = run;
    }

    /** The runbook user's organisation: the one it is CEO of, else a new "Staging Test Organization". */
    long organization() {
        if (organizationId != null) {
            return organizationId;
        }
        organizationId = own(run.jdbc, run.request.username());
        if (organizationId == null) {
            String name = "Staging Test Organization " + run.request.username();
            ServiceClient.Answer created = run.client.post(
                    "/api/vnext/organizations/create/", RunContext.body().put("name", name));
            if (created.status() != 201) {
                throw new RunbookFailedException(
                        "cannot create the organisation for the test teams: " + created.problem());
            }
            organizationId = created.body().path("organization_id").asLong();
            run.out.accept("  created organisation '" + name + "' (id " + organizationId
                    + ") for the org-owned test teams; it is kept for later runs");
        }
        return organizationId;
    }

    /** Creates an org-owned test team named {@code run.teamName(suffix)}; the answer, whatever it is. */
    ServiceClient.Answer create(String suffix) {
        return run.client.post(
                "/api/vnext/teams/create/",
                RunContext.body()
                        .put("name", run.teamName(suffix))
                        .put("game_id", run.request.gameId())
                        .put("region", run.request.region())
                        .put("organization_id", organization()));
    }

    /** Creates one and insists on 201; the new team's id. */
    long created(String suffix, String phase) {
        ServiceClient.Answer answer = create(suffix);
        if (answer.status() != 201) {
            throw new RunbookFailedException(phase + ": creating '" + run.teamName(suffix) + "' answered "
                    + answer.problem() + " (expected 201)");
        }
        return answer.body().path("team_id").asLong();
    }

    static Long own(JdbcClient jdbc, String username) {
        return jdbc.sql(OWN_ORGANIZATION)
                .param("username", username)
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
