package gg.deltacrown.games;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GamesTests {

    @Test
    void mapsTheOriginalFourIdsWithTheLegacyRegistrysCs2() {
        assertThat(Games.legacySlugOf(1)).isEqualTo("valorant");
        assertThat(Games.legacySlugOf(2)).isEqualTo("cs2");
        assertThat(Games.legacySlugOf(3)).isEqualTo("dota2");
        assertThat(Games.legacySlugOf(4)).isEqualTo("pubg");
    }

    @Test
    void givesUnknownIdsNoLegacySlug() {
        assertThat(Games.legacySlugOf(999)).isEmpty();
        assertThat(Games.byLegacySlug("csgo")).isEmpty();
    }

    @Test
    void hasOneEntryPerIdAndPerSlug() {
        assertThat(Games.all()).extracting(Game::id).doesNotHaveDuplicates();
        assertThat(Games.all()).extracting(Game::legacySlug).doesNotHaveDuplicates();
    }
}
