package gg.deltacrown.teams;

/** The result of creating a team. */
public record CreatedTeam(long id, String slug, Long organizationId) {

    public String url() {
        return Team.url(slug);
    }
}
