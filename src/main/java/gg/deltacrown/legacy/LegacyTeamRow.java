package gg.deltacrown.legacy;

/** The {@code teams_team} columns the shadow writer owns. {@code id} is null for a planned insert. */
record LegacyTeamRow(
        Long id,
        String name,
        String tag,
        String slug,
        String game,
        String region,
        String description,
        String logo,
        String bannerImage,
        String logoUrl,
        boolean active) {

    LegacyTeamRow withId(long newId) {
        return new LegacyTeamRow(newId, name, tag, slug, game, region, description, logo, bannerImage, logoUrl, active);
    }

    /** Same content, ignoring the id and the tag (the tag is set once, on insert). */
    boolean sameContent(LegacyTeamRow other) {
        return java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(slug, other.slug)
                && java.util.Objects.equals(game, other.game)
                && java.util.Objects.equals(region, other.region)
                && java.util.Objects.equals(description, other.description)
                && java.util.Objects.equals(logo, other.logo)
                && java.util.Objects.equals(bannerImage, other.bannerImage)
                && java.util.Objects.equals(logoUrl, other.logoUrl)
                && active == other.active;
    }
}
