package gg.deltacrown.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.validation.DriftKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where {@code seed_scale} puts its drift: exact numbers, one drift a team, spread over every id range. */
class SeedPlanTests {

    @Test
    void spreadsEveryDriftOverTheWholeRangeOfTeams() {
        SeedPlan plan = new SeedPlan(
                100_000,
                5,
                0,
                0,
                1000,
                1000,
                1000,
                1000,
                1000,
                0,
                0,
                10,
                1000,
                Map.of(DriftKind.REGION, 1000, DriftKind.MEMBERSHIP_CAPTAIN, 4000));

        List<SeedPlan.DriftedTeam> drifted = plan.driftedTeams();

        assertThat(drifted.stream().collect(Collectors.groupingBy(SeedPlan.DriftedTeam::drift, Collectors.counting())))
                .containsOnly(
                        Map.entry("name", 1000L),
                        Map.entry("slug", 1000L),
                        Map.entry("membership_missing", 1000L),
                        Map.entry("membership_role", 1000L),
                        Map.entry("ranking", 1000L),
                        Map.entry("region", 1000L),
                        Map.entry("membership_captain", 4000L));
        assertThat(drifted.stream().map(SeedPlan.DriftedTeam::team).distinct().count())
                .as("one drift a team")
                .isEqualTo(drifted.size());
        assertThat(drifted).allMatch(team -> team.team() >= 1 && team.team() <= 100_000);
        // Every tenth of the id range holds a tenth of every drift.
        for (int tenth = 0; tenth < 10; tenth++) {
            int from = tenth * 10_000;
            assertThat(drifted.stream()
                            .filter(team -> team.drift().equals("name"))
                            .filter(team -> team.team() > from && team.team() <= from + 10_000)
                            .count())
                    .as("name drift in tenth %d", tenth)
                    .isBetween(99L, 101L);
        }
    }

    @Test
    void refusesKindsItCannotPlant() {
        SeedPlan plan = new SeedPlan(
                10,
                1,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                5,
                5,
                Map.of(DriftKind.MISSING_VNEXT, 1, DriftKind.MEMBERSHIP_LEFT_AT, 2));

        assertThat(plan.problems())
                .containsExactlyInAnyOrder(
                        "--drift missing_vnext is not a kind seed_scale plants with --drift",
                        "--membership-drift and --role-drift change member 1: --members-per-team must be at least 2");
    }
}
