package gg.deltacrown.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamSlugsTests {

    @Test
    void slugifiesLikeDjango() {
        assertThat(TeamSlugs.slugify("Staging Test Team Alpha")).isEqualTo("staging-test-team-alpha");
        assertThat(TeamSlugs.slugify("  Hello,   World!  ")).isEqualTo("hello-world");
        assertThat(TeamSlugs.slugify("Crème Brûlée FC")).isEqualTo("creme-brulee-fc");
        assertThat(TeamSlugs.slugify("a -- b__c")).isEqualTo("a-b__c");
        assertThat(TeamSlugs.slugify("__-x-__")).isEqualTo("x");
        assertThat(TeamSlugs.slugify("Team\t\nTab")).isEqualTo("team-tab");
        assertThat(TeamSlugs.slugify("ﬁre ⑳")).isEqualTo("fire-20");
        assertThat(TeamSlugs.slugify("战队")).isEmpty();
    }

    @Test
    void givesANameWithoutAsciiLettersANonEmptyBase() {
        assertThat(TeamSlugs.base("战队")).isEqualTo("team");
        assertThat(TeamSlugs.base("!!!")).isEqualTo("team");
    }

    @Test
    void keepsTheBaseShortEnoughForASuffix() {
        String base = TeamSlugs.base("a".repeat(89) + " b" + "c".repeat(50));

        assertThat(base).hasSizeLessThanOrEqualTo(TeamSlugs.MAX_BASE_LENGTH).doesNotEndWith("-");
    }

    @Test
    void takesTheFirstFreeSuffixInDjangosOrder() {
        assertThat(TeamSlugs.firstFree("alpha", Set.of())).isEqualTo("alpha");
        assertThat(TeamSlugs.firstFree("alpha", Set.of("alpha"))).isEqualTo("alpha-1");
        assertThat(TeamSlugs.firstFree("alpha", Set.of("alpha", "alpha-1", "alpha-3")))
                .isEqualTo("alpha-2");
    }
}
