package gg.deltacrown.seeding;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ScaleSeeder} adds. Every drift is applied to its own range of the mapped teams (the
 * ranges never overlap), so each one shows in the validation report as exactly its own number.
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
 * @param users accounts (with profiles) the members are drawn from
 * @param batchSize teams per transaction
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
        int batchSize) {

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
        if (users < membersPerTeam) {
            problems.add("--users must be at least --members-per-team (members of one team are different users)");
        }
        if (batchSize < 1) {
            problems.add("--batch-size must be at least 1");
        }
        long drifted = (long) nameDrift + slugDrift + membershipDrift + roleDrift + rankingDrift + unverifiedMaps;
        if (drifted > teams) {
            problems.add("the drifts (" + drifted + " teams in all) need at least as many --teams; each drift uses"
                    + " teams of its own");
        }
        if ((membershipDrift > 0 || roleDrift > 0) && membersPerTeam < 2) {
            problems.add("--membership-drift and --role-drift change member 1: --members-per-team must be at least 2");
        }
        return problems;
    }

    private static void nonNegative(List<String> problems, String option, int value) {
        if (value < 0) {
            problems.add(option + " must not be negative");
        }
    }

    int totalTeams() {
        return teams + legacyOnlyTeams + vnextOnlyTeams;
    }

    // The drift ranges over the mapped teams' numbers 1..teams, in this order.
    int nameDriftEnd() {
        return nameDrift;
    }

    int slugDriftEnd() {
        return nameDriftEnd() + slugDrift;
    }

    int membershipDriftEnd() {
        return slugDriftEnd() + membershipDrift;
    }

    int roleDriftEnd() {
        return membershipDriftEnd() + roleDrift;
    }

    int rankingDriftEnd() {
        return roleDriftEnd() + rankingDrift;
    }

    int unverifiedEnd() {
        return rankingDriftEnd() + unverifiedMaps;
    }
}
