package gg.deltacrown.legacy;

/**
 * The legacy team columns this service sets; every other NOT NULL column gets the Django
 * Django application default (docs/adr/0015).
 */
public record NewLegacyTeam(
        String name,
        String tag,
        String slug,
        String game,
        String region,
        String description,
        String logo,
        String bannerImage,
        String logoUrl,
        boolean active) {}
