package gg.deltacrown.teams;

import gg.deltacrown.games.Games;
import java.util.List;
import java.util.Locale;

/**
 * A team to create. Without {@code organizationId} it is an independent team owned by
 * whoever creates it. Absent values are null; {@code "region": null} means no region.
 */
public record NewTeam(String name, Long gameId, Long organizationId, String region, Branding branding) {

    private static final List<String> RESERVED_NAMES = List.of("admin", "api", "system", "test");

    /** Every field problem (empty when the input is valid). */
    public FieldErrors problems() {
        FieldErrors errors = new FieldErrors();
        clean(errors);
        return errors;
    }

    /** The cleaned input (trimmed name, upper-case region or {@code ''}), or {@link InvalidInputException}. */
    NewTeam validated() {
        FieldErrors errors = new FieldErrors();
        NewTeam team = clean(errors);
        errors.throwIfAny();
        return team;
    }

    boolean isOrganizationTeam() {
        return organizationId != null;
    }

    private NewTeam clean(FieldErrors errors) {
        String cleanName = FieldRules.text(errors, "name", name, true, 3, 50);
        if (cleanName != null && RESERVED_NAMES.contains(cleanName.toLowerCase(Locale.ROOT))) {
            errors.add("name", "This team name is reserved.");
        }
        Long game = FieldRules.integer(errors, "game_id", gameId, true, 1, Integer.MAX_VALUE);
        if (game != null && Games.byId(game.intValue()).isEmpty()) {
            // docs/adr/0004-game-registry.md: only the registry's games, or the shadow gets game ''.
            errors.add("game_id", "\"" + game + "\" is not a valid choice.");
        }
        Long organization = FieldRules.integer(errors, "organization_id", organizationId, false, 1, Long.MAX_VALUE);
        String cleanRegion = FieldRules.region(errors, "region", region, 10);
        Branding cleanBranding = branding == null ? Branding.NONE : branding.clean(errors.nested("branding"));
        return new NewTeam(cleanName, game, organization, cleanRegion == null ? "" : cleanRegion, cleanBranding);
    }
}
