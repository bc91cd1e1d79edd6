package gg.deltacrown.teams;

import java.time.OffsetDateTime;

/**
 * A vNext team ({@code organizations_team}) with its organisation (org-owned teams) or its
 * owner's username (independent teams).
 */
public record Team(
        long id,
        String name,
        String slug,
        TeamOrganization organization,
        Long ownerId,
        String ownerUsername,
        int gameId,
        String region,
        TeamStatus status,
        String logo,
        String banner,
        String description,
        String preferredServer,
        Branding branding,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String DEFAULT_LOGO = "/static/images/default_team_logo.png";

    public boolean isOrganizationTeam() {
        return organization != null;
    }

    public Long organizationId() {
        return organization == null ? null : organization.id();
    }

    /**
     * The logo to show, as Django's model shows it: the organisation's when it enforces its brand, else the team's
     * uploaded logo, else its branding URL, else the default logo.
     */
    public String logoUrl() {
        if (organization != null && organization.enforceBrand() && present(organization.logo())) {
            return media(organization.logo());
        }
        if (present(logo)) {
            return media(logo);
        }
        return present(branding.logoUrl()) ? branding.logoUrl() : DEFAULT_LOGO;
    }

    /** The uploaded banner, else the branding URL, else null. */
    public String bannerUrl() {
        if (present(banner)) {
            return media(banner);
        }
        return present(branding.bannerUrl()) ? branding.bannerUrl() : null;
    }

    /** This team with the given settings applied (null: unchanged; blank URL: removed from the branding). */
    Team withSettings(TeamSettings settings) {
        Branding newBranding = branding;
        if (settings.logoUrl() != null) {
            newBranding = newBranding.withLogoUrl(Branding.blankAsNull(settings.logoUrl()));
        }
        if (settings.bannerUrl() != null) {
            newBranding = newBranding.withBannerUrl(Branding.blankAsNull(settings.bannerUrl()));
        }
        return new Team(
                id,
                name,
                slug,
                organization,
                ownerId,
                ownerUsername,
                gameId,
                settings.region() != null ? settings.region() : region,
                status,
                logo,
                banner,
                settings.description() != null ? settings.description() : description,
                settings.preferredServer() != null ? settings.preferredServer() : preferredServer,
                newBranding,
                createdAt,
                updatedAt);
    }

    /** The team page ({@code team_url} as the runbook expects it). */
    public static String url(String slug) {
        return "/organizations/teams/" + slug + "/";
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** Uploaded files live under Django's MEDIA_URL; stored URLs (from branding) are used as they are. */
    private static String media(String path) {
        return path.startsWith("http://") || path.startsWith("https://") || path.startsWith("/")
                ? path
                : "/media/" + path;
    }
}
