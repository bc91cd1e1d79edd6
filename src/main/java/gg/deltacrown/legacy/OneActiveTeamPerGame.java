package gg.deltacrown.legacy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The legacy model's "one active team per game" ({@code TeamMembership.clean()}: "You already have
 * an active team for '<game>'"), which vNext does not have: a profile has at most one ACTIVE legacy
 * membership in the teams of a game. When vNext makes a member ACTIVE in a second team of a game,
 * the shadow of that second membership is kept PENDING and marked held back (docs/adr/0023); the
 * validation report counts these apart from drift.
 *
 * <p>Who keeps the ACTIVE row is decided from legacy alone, so every order of syncs gives the same
 * answer: rows ACTIVE in legacy already stay so (in team order); then new ACTIVE rows, in team
 * order, take what is free. A held-back row becomes ACTIVE at its team's next sync once the other
 * team no longer holds the game. Pure: the holders outside the batch are read by the caller.
 */
final class OneActiveTeamPerGame {

    /** An ACTIVE legacy membership of a profile in a team of a game. */
    record Holder(long profileId, String game, long legacyTeamId) {}

    /** One team of the batch: its game, the rows planned for it, the rows it has, which rows mirror vNext. */
    record TeamRows(
            long legacyTeamId,
            String game,
            Map<Long, LegacyMemberRow> rows,
            Map<Long, LegacyMemberRow> existing,
            Set<Long> mirroredProfiles,
            List<String> notes) {}

    private final Map<String, Long> holders = new HashMap<>();

    /** @param elsewhere the ACTIVE memberships of the batch's profiles in teams outside the batch */
    OneActiveTeamPerGame(List<Holder> elsewhere) {
        elsewhere.stream()
                .sorted(Comparator.comparingLong(Holder::legacyTeamId))
                .forEach(holder -> holders.putIfAbsent(key(holder.profileId(), holder.game()), holder.legacyTeamId()));
    }

    /** Replaces, in each team's rows, the ACTIVE rows that must be held back. */
    void apply(List<TeamRows> teams) {
        for (boolean alreadyActive : new boolean[] {true, false}) {
            for (TeamRows team : teams) {
                if (team.game() == null || team.game().isEmpty()) {
                    continue;
                }
                team.rows().values().stream()
                        .filter(LegacyMemberRow::active)
                        .filter(row -> wasActive(team.existing().get(row.profileId())) == alreadyActive)
                        .sorted(Comparator.comparingLong(LegacyMemberRow::profileId))
                        .toList()
                        .forEach(row -> claim(team, row));
            }
        }
    }

    private void claim(TeamRows team, LegacyMemberRow row) {
        Long holder = holders.putIfAbsent(key(row.profileId(), team.game()), team.legacyTeamId());
        if (holder == null || Objects.equals(holder, team.legacyTeamId())) {
            return;
        }
        if (!team.mirroredProfiles().contains(row.profileId())) {
            return; // a legacy row without a vNext counterpart is never changed
        }
        team.rows().put(row.profileId(), row.heldBackAsPending());
        team.notes()
                .add("profile " + row.profileId() + " is ACTIVE in legacy team " + holder + " for '" + team.game()
                        + "': membership kept PENDING (one active team per game)");
    }

    private static boolean wasActive(LegacyMemberRow before) {
        return before != null && before.active();
    }

    private static String key(long profileId, String game) {
        return profileId + "\u0000" + game;
    }
}
