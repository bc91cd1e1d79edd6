package gg.deltacrown.legacy;

import java.time.OffsetDateTime;

/**
 * What a legacy team row must say for a vNext team (docs/adr/0015): the vNext values, before legacy
 * length limits and uniqueness are applied by the shadow writer.
 *
 * @param game the legacy game slug ({@code ''} for an unknown game)
 * @param logoUrl {@code branding.logo_url} of the vNext team, mirrored to {@code teams_team.logo_url}
 */
public record ShadowTeam(
        long vnextTeamId,
        String name,
        String slug,
        String game,
        String region,
        String description,
        String logo,
        String bannerImage,
        String logoUrl,
        boolean active,
        OffsetDateTime createdAt) {}
