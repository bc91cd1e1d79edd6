package gg.deltacrown.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.LegacyMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backfill's inverse mapping undoes the shadow writer's where it can, and never escalates a role. */
class InverseMappingTests {

    /** Every role of the legacy model (teams_teammembership.role), deprecated ones included. */
    static final List<String> LEGACY_ROLES = List.of(
            "OWNER",
            "GENERAL_MANAGER",
            "TEAM_MANAGER",
            "HEAD_COACH",
            "ASSISTANT_COACH",
            "PERFORMANCE_COACH",
            "ANALYST",
            "STRATEGIST",
            "DATA_ANALYST",
            "PLAYER",
            "SUBSTITUTE",
            "CONTENT_CREATOR",
            "SOCIAL_MEDIA_MANAGER",
            "COMMUNITY_MANAGER",
            "MANAGER",
            "COACH",
            "CAPTAIN",
            "SUB");

    @Test
    void aLegacyRoleTheShadowWriterProducesComesBackUnchanged() {
        for (String legacyRole : LegacyMapping.ROLES.values()) {
            assertThat(LegacyMapping.role(InverseMapping.role(legacyRole)))
                    .as(legacyRole)
                    .isEqualTo(legacyRole);
        }
        assertThat(InverseMapping.EXACT_ROLES.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        LegacyMapping.ROLES.values().stream().distinct().toList());
    }

    @Test
    void everyOtherLegacyRoleGetsAVnextRoleAndIsKnownNotToRoundTrip() {
        for (String legacyRole : LEGACY_ROLES) {
            String vnext = InverseMapping.role(legacyRole);
            assertThat(LegacyMapping.ROLES).as(legacyRole).containsKey(vnext);
            boolean roundTrips = LegacyMapping.role(vnext).equals(legacyRole);
            assertThat(InverseMapping.EXACT_ROLES.containsKey(legacyRole))
                    .as(legacyRole + " is exact exactly when it round-trips")
                    .isEqualTo(roundTrips);
        }
        assertThat(InverseMapping.role("SOMETHING_ELSE")).isEqualTo("PLAYER");
    }

    @Test
    void onlyTheLegacyOwnerBecomesOwnerAndOnlyLegacyManagersManage() {
        for (String legacyRole : LEGACY_ROLES) {
            String vnext = InverseMapping.role(legacyRole);
            if (vnext.equals("OWNER")) {
                assertThat(legacyRole).isEqualTo("OWNER");
            }
            if (vnext.equals("MANAGER")) {
                assertThat(legacyRole).endsWith("MANAGER").doesNotContain("SOCIAL_MEDIA", "COMMUNITY");
            }
        }
    }

    @Test
    void statusesComeBackUnchangedAndAnUnknownOneIsNotCurrent() {
        for (String legacyStatus : List.of("ACTIVE", "PENDING", "REMOVED")) {
            assertThat(LegacyMapping.status(InverseMapping.status(legacyStatus)))
                    .isEqualTo(legacyStatus);
        }
        assertThat(InverseMapping.status("BANNED")).isEqualTo("INACTIVE");
    }

    @Test
    void gamesGoThroughTheOneRegistryAndAnUnknownGameBecomesNoGame() {
        for (Game game : Games.all()) {
            assertThat(InverseMapping.gameId(game.legacySlug())).isEqualTo(game.id());
            assertThat(Games.legacySlugOf(InverseMapping.gameId(game.legacySlug())))
                    .isEqualTo(game.legacySlug());
        }
        assertThat(InverseMapping.gameId("overwatch")).isEqualTo(InverseMapping.NO_GAME);
        assertThat(Games.legacySlugOf(InverseMapping.gameId("")))
                .as("no game round-trips")
                .isEmpty();
        assertThat(Games.byId(InverseMapping.NO_GAME)).isEmpty();
    }

    @Test
    void theSqlFormsSayTheSameAsTheJavaOnes() {
        assertThat(InverseMapping.roleSql("r"))
                .startsWith("CASE r ")
                .contains("WHEN 'HEAD_COACH' THEN 'COACH'", "WHEN 'GENERAL_MANAGER' THEN 'MANAGER'")
                .endsWith("ELSE 'PLAYER' END");
        assertThat(InverseMapping.statusSql("s")).contains("WHEN 'PENDING' THEN 'INVITED'");
        assertThat(InverseMapping.gameIdSql("g")).contains("WHEN 'cs2' THEN 2").endsWith("ELSE 0 END");
    }
}
