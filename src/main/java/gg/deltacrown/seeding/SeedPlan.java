package gg.deltacrown.seeding;

import gg.deltacrown.validation.DriftKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ScaleSeeder} adds. Every drift is applied to teams of its own (never two drifts on one
 * team), spread evenly over the whole range of mapped teams, so each one shows in the validation
 * report and the full verification as exactly its own number, in every chunk of ids.
 *
 * @param teams mapped pairs: vNext team + legacy shadow + verified map row, with members on both sides
 * @param membersPerTeam memberships per team on each side (member 0 is the OWNER)
 * @param legacyOnlyTeams legacy teams without a map row (the report's unmapped legacy teams)
 * @param vnextOnlyTeams vNext teams created now without a shadow (a failed dual-write)
 * @param nameDrift mapped pairs whose legacy name differs
 * @param slugDrift mapped pairs whose legacy slug differs
 * @param membershipDrift mapped pairs where member 1 has no legacy shadow row
 * @param roleDrift mapped pairs where member 1's legacy shadow has another role
 * @param rankingDrift mapped pairs where only vNext has a ranking row
 * @param unverifiedMaps mapped pairs whose map row is not verified
 * @param orphanMaps map rows whose legacy and vNext teams do not exist
 * @param users accounts (with profiles) the members are drawn from, at least {@link #requiredUsers()}
 * @param batchSize teams per transaction
 * @param drift further kinds of drift ({@link #SEEDABLE}), pairs per kind
 */
public record SeedPlan(
        int teams,
        int membersPerTeam,
        int legacyOnlyTeams,
        int vnextOnlyTeams,
        int nameDrift,
        int slugDrift,
        int membershipDrift,
        int roleDrift,
        int rankingDrift,
        int unverifiedMaps,
        int orphanMaps,
        int users,
        int batchSize,
        Map<DriftKind, Integer> drift) {

    /** The kinds {@code --drift KIND=N} plants (the others have options of their own). */
    public static final List<DriftKind> SEEDABLE = List.of(
            DriftKind.GAME,
            DriftKind.REGION,
            DriftKind.DESCRIPTION,
            DriftKind.LOGO,
            DriftKind.BANNER,
            DriftKind.LOGO_URL,
            DriftKind.ACTIVE,
            DriftKind.MEMBERSHIP_STATUS,
            DriftKind.MEMBERSHIP_LEFT_AT,
            DriftKind.MEMBERSHIP_CAPTAIN,
            DriftKind.MEMBERSHIP_ROSTER_SLOT,
            DriftKind.MEMBERSHIP_PLAYER_ROLE,
            DriftKind.MEMBERSHIP_PERMISSIONS);

    /** The unverified map rows take teams of their own too, under this name. */
    static final String UNVERIFIED = "unverified";

    public SeedPlan {
        drift = drift == null ? Map.of() : Map.copyOf(drift);
    }

    public SeedPlan(
            int teams,
            int membersPerTeam,
            int legacyOnlyTeams,
            int vnextOnlyTeams,
            int nameDrift,
            int slugDrift,
            int membershipDrift,
            int roleDrift,
            int rankingDrift,
            int unverifiedMaps,
            int orphanMaps,
            int users,
            int batchSize) {
        this(
                teams,
                membersPerTeam,
                legacyOnlyTeams,
                vnextOnlyTeams,
                nameDrift,
                slugDrift,
                membershipDrift,
                roleDrift,
                rankingDrift,
                unverifiedMaps,
                orphanMaps,
                users,
                batchSize,
                Map.of());
    }

    /** Everything that is wrong with the plan, in words an operator understands; empty when it is fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        nonNegative(problems, "--teams", teams);
        nonNegative(problems, "--legacy-only-teams", legacyOnlyTeams);
        nonNegative(problems, "--vnext-only-teams", vnextOnlyTeams);
        nonNegative(problems, "--name-drift", nameDrift);
        nonNegative(problems, "--slug-drift", slugDrift);
        nonNegative(problems, "--membership-drift", membershipDrift);
        nonNegative(problems, "--role-drift", roleDrift);
        nonNegative(problems, "--ranking-drift", rankingDrift);
        nonNegative(problems, "--unverified-maps", unverifiedMaps);
        nonNegative(problems, "--orphan-maps", orphanMaps);
        if (membersPerTeam < 1) {
            problems.add("--members-per-team must be at least 1");
        }
        if (users < requiredUsers()) {
            problems.add("--users must be at least " + requiredUsers() + ": the members of one game's teams are all"
                    + " different users (the legacy app allows one active team per game)");
        }
        if (batchSize < 1) {
            problems.add("--batch-size must be at least 1");
        }
        drift.forEach((kind, count) -> {
            if (!SEEDABLE.contains(kind)) {
                problems.add("--drift " + kind.id() + " is not a kind seed_scale plants with --drift");
            }
            nonNegative(problems, "--drift " + kind.id(), count);
        });
        long drifted =
                driftCounts().values().stream().mapToLong(Integer::longValue).sum();
        if (drifted > teams) {
            problems.add("the drifts (" + drifted + " teams in all) need at least as many --teams; each drift uses"
                    + " teams of its own");
        }
        boolean memberOne = drift.entrySet().stream()
                .anyMatch(entry -> entry.getValue() > 0
                        && entry.getKey().isMembership()
                        && entry.getKey() != DriftKind.MEMBERSHIP_PERMISSIONS);
        if ((membershipDrift > 0 || roleDrift > 0 || memberOne) && membersPerTeam < 2) {
            problems.add("--membership-drift and --role-drift change member 1: --members-per-team must be at least 2");
        }
        return problems;
    }

    private static void nonNegative(List<String> problems, String option, int value) {
        if (value < 0) {
            problems.add(option + " must not be negative");
        }
    }

    /** One user per member of each team of a game: the teams of the busiest game times the members. */
    public int requiredUsers() {
        return requiredUsers(teams, legacyOnlyTeams, vnextOnlyTeams, membersPerTeam);
    }

    /** {@link #requiredUsers()} of a plan with these numbers of teams and members. */
    public static int requiredUsers(int teams, int legacyOnlyTeams, int vnextOnlyTeams, int membersPerTeam) {
        return (perGame(teams) + perGame(legacyOnlyTeams) + perGame(vnextOnlyTeams)) * membersPerTeam;
    }

    /** Teams of the busiest of the four games when {@code count} teams take turns. */
    static int perGame(int count) {
        return Math.max(0, (count + 3) / 4);
    }

    int totalTeams() {
        return teams + legacyOnlyTeams + vnextOnlyTeams;
    }

    /** Teams per drift, by the name the statements use (a {@link DriftKind#id()} or {@value #UNVERIFIED}). */
    Map<String, Integer> driftCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(DriftKind.NAME.id(), nameDrift);
        counts.put(DriftKind.SLUG.id(), slugDrift);
        counts.put(DriftKind.MEMBERSHIP_MISSING.id(), membershipDrift);
        counts.put(DriftKind.MEMBERSHIP_ROLE.id(), roleDrift);
        counts.put(DriftKind.RANKING.id(), rankingDrift);
        counts.put(UNVERIFIED, unverifiedMaps);
        drift.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> counts.merge(entry.getKey().id(), entry.getValue(), Integer::sum));
        counts.values().removeIf(count -> count <= 0);
        return counts;
    }

    /** A drifted team: its number among the mapped teams (1..teams) and its drift. */
    record DriftedTeam(int team, String drift) {}

    /**
     * Where every drift goes: the k-th team of a drift with c teams sits at (k + 1/2) / c of the
     * sequence of all drifted teams, which is laid evenly over the mapped teams; so every drift is
     * spread over the whole id range and every chunk of ids gets its share.
     */
    List<DriftedTeam> driftedTeams() {
        record Slot(String drift, double position) {}
        List<Slot> slots = new ArrayList<>();
        driftCounts().forEach((drift, count) -> {
            for (int k = 0; k < count; k++) {
                slots.add(new Slot(drift, (k + 0.5) / count));
            }
        });
        slots.sort(Comparator.comparingDouble(Slot::position));
        List<DriftedTeam> placed = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            placed.add(new DriftedTeam(
                    (int) ((long) s * teams / slots.size()) + 1, slots.get(s).drift()));
        }
        return placed;
    }
}
