package gg.deltacrown.teams;

/** The result of creating an organisation. */
public record CreatedOrganization(long id, String slug) {}
