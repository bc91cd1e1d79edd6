package gg.deltacrown.legacy;

import java.util.Objects;

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
        boolean active,
        Boolean isPublic) {

    /** A row to insert as given (null region and description: empty, as Django stores them). */
    static LegacyTeamRow of(NewLegacyTeam team) {
        return new LegacyTeamRow(
                null,
                team.name(),
                team.tag(),
                team.slug(),
                team.game(),
                team.region() == null ? "" : team.region(),
                team.description() == null ? "" : team.description(),
                team.logo(),
                team.bannerImage(),
                team.logoUrl(),
                team.active(),
                null);
    }

    LegacyTeamRow withId(long newId) {
        return new LegacyTeamRow(
                newId, name, tag, slug, game, region, description, logo, bannerImage, logoUrl, active, isPublic);
    }

    /** Same content, ignoring the id and the tag (the tag is set once, on insert). */
    boolean sameContent(LegacyTeamRow other) {
        return Objects.equals(name, other.name)
                && Objects.equals(slug, other.slug)
                && Objects.equals(game, other.game)
                && Objects.equals(region, other.region)
                && Objects.equals(description, other.description)
                && Objects.equals(logo, other.logo)
                && Objects.equals(bannerImage, other.bannerImage)
                && Objects.equals(logoUrl, other.logoUrl)
                && active == other.active
                && publicAsActive()
                && other.publicAsActive();
    }

    /**
     * The writer sets {@code is_public} and {@code is_active} together ({@code LegacyShadowTables}
     * UPDATE_TEAMS); a row read from the table whose {@code is_public} went its own way is not what the
     * writer would write, whatever {@code is_active} says. Null: a planned row, both from {@code active}.
     */
    private boolean publicAsActive() {
        return isPublic == null || isPublic == active;
    }
}
