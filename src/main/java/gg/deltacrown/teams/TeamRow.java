package gg.deltacrown.teams;

import java.time.OffsetDateTime;

/**
 * A vNext team row made by a tool or a test fixture rather than by {@link Teams#create}: no rules
 * are checked; the database's constraints still apply.
 *
 * @param organizationId the owning organisation, or null for an independent team
 * @param ownerId the owner of an independent team, or null for an organisation's team
 */
public record TeamRow(
        String name,
        String slug,
        Long organizationId,
        Long ownerId,
        int gameId,
        String region,
        TeamStatus status,
        OffsetDateTime createdAt) {}
