package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.legacy.OneActiveTeamPerGame.Holder;
import gg.deltacrown.legacy.OneActiveTeamPerGame.TeamRows;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The legacy model's "You already have an active team for '<game>'", kept by the shadow writer. */
class OneActiveTeamPerGameTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 25, 14, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void holdsBackTheSecondActiveTeamOfAGameAndSaysWhy() {
        TeamRows team = team(9, "valorant", Map.of(), row(9, 100, "PLAYER", "ACTIVE"));

        new OneActiveTeamPerGame(List.of(new Holder(100, "valorant", 3))).apply(List.of(team));

        assertThat(team.rows().get(100L)).satisfies(row -> {
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.heldBack()).isTrue();
            assertThat(row.role()).isEqualTo("PLAYER");
        });
        assertThat(team.notes()).singleElement().asString().contains("ACTIVE in legacy team 3 for 'valorant'");
    }

    @Test
    void anOwnerHeldBackIsNoLongerOwnerNorCaptain() {
        LegacyMemberRow owner = new LegacyMemberRow(
                null, 9, 100, "OWNER", "ACTIVE", "STARTER", "", true, T0, null, true, 1L, "OWNER", false, false);
        TeamRows team = team(9, "valorant", Map.of(), owner);

        new OneActiveTeamPerGame(List.of(new Holder(100, "valorant", 3))).apply(List.of(team));

        assertThat(team.rows().get(100L))
                .extracting(LegacyMemberRow::role, LegacyMemberRow::status, LegacyMemberRow::captain)
                .containsExactly("PLAYER", "PENDING", false);
    }

    @Test
    void otherGamesAndTeamsWithoutAGameAreNotConcerned() {
        TeamRows other = team(9, "cs2", Map.of(), row(9, 100, "PLAYER", "ACTIVE"));
        TeamRows noGame = team(10, "", Map.of(), row(10, 100, "PLAYER", "ACTIVE"));

        new OneActiveTeamPerGame(List.of(new Holder(100, "valorant", 3))).apply(List.of(other, noGame));

        assertThat(other.rows().get(100L).status()).isEqualTo("ACTIVE");
        assertThat(noGame.rows().get(100L).status()).isEqualTo("ACTIVE");
    }

    @Test
    void aRowActiveAlreadyKeepsItsPlaceOverANewOneWhateverTheOrder() {
        LegacyMemberRow before = existing(20, 100, "PLAYER", "ACTIVE");
        TeamRows first = team(10, "valorant", Map.of(), row(10, 100, "PLAYER", "ACTIVE"));
        TeamRows second = team(20, "valorant", Map.of(100L, before), before);

        new OneActiveTeamPerGame(List.of()).apply(List.of(first, second));

        assertThat(first.rows().get(100L).heldBack()).isTrue();
        assertThat(second.rows().get(100L).status()).isEqualTo("ACTIVE");
    }

    @Test
    void twoNewActiveRowsInOneBatchGoToTheFirstTeam() {
        TeamRows first = team(10, "valorant", Map.of(), row(10, 100, "PLAYER", "ACTIVE"));
        TeamRows second = team(20, "valorant", Map.of(), row(20, 100, "SUBSTITUTE", "ACTIVE"));

        new OneActiveTeamPerGame(List.of()).apply(List.of(first, second));

        assertThat(first.rows().get(100L).status()).isEqualTo("ACTIVE");
        assertThat(second.rows().get(100L).heldBack()).isTrue();
    }

    @Test
    void aHeldBackRowBecomesActiveOnceTheOtherTeamLetsGo() {
        LegacyMemberRow heldBack = existing(20, 100, "PLAYER", "ACTIVE").heldBackAsPending();
        TeamRows team = team(20, "valorant", Map.of(100L, heldBack), existing(20, 100, "PLAYER", "ACTIVE"));

        new OneActiveTeamPerGame(List.of()).apply(List.of(team));

        assertThat(team.rows().get(100L))
                .extracting(LegacyMemberRow::status, LegacyMemberRow::heldBack)
                .containsExactly("ACTIVE", false);
    }

    @Test
    void neverChangesALegacyRowThatMirrorsNoVnextMembership() {
        LegacyMemberRow djangos = existing(20, 100, "PLAYER", "ACTIVE");
        Map<Long, LegacyMemberRow> rows = new HashMap<>(Map.of(100L, djangos));
        TeamRows team = new TeamRows(20, "valorant", rows, Map.of(100L, djangos), Set.of(), new ArrayList<>());

        new OneActiveTeamPerGame(List.of(new Holder(100, "valorant", 3))).apply(List.of(team));

        assertThat(team.rows().get(100L)).isSameAs(djangos);
    }

    private static TeamRows team(
            long legacyTeamId, String game, Map<Long, LegacyMemberRow> existing, LegacyMemberRow row) {
        Map<Long, LegacyMemberRow> rows = new HashMap<>();
        rows.put(row.profileId(), row);
        return new TeamRows(legacyTeamId, game, rows, existing, Set.of(row.profileId()), new ArrayList<>());
    }

    private static LegacyMemberRow existing(long teamId, long profileId, String role, String status) {
        return new LegacyMemberRow(
                5L, teamId, profileId, role, status, "STARTER", "", false, T0, null, false, 1L, role, false, false);
    }

    private static LegacyMemberRow row(long teamId, long profileId, String role, String status) {
        return new LegacyMemberRow(
                null, teamId, profileId, role, status, "STARTER", "", false, T0, null, false, 1L, role, false, false);
    }
}
