package gg.deltacrown.teams;

/** The organisation an org-owned team belongs to, as the team's pages and permissions need it. */
public record TeamOrganization(long id, String name, String slug, long ceoId, String logo, boolean enforceBrand) {}
