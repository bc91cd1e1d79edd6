package gg.deltacrown.seeding;

import gg.deltacrown.validation.DriftKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a seeding run added, and therefore (on a database that was empty before) the numbers the
 * validation report must show without filters.
 */
public record SeedResult(SeedPlan plan, String run) {

    /** Rows added, by kind. */
    public Map<String, Long> added() {
        long m = plan.membersPerTeam();
        Map<String, Long> added = new LinkedHashMap<>();
        added.put("users", (long) plan.users());
        added.put("vnext_teams", (long) plan.teams() + plan.vnextOnlyTeams());
        added.put("legacy_teams", (long) plan.teams() + plan.legacyOnlyTeams());
        added.put("map_rows", (long) plan.teams() + plan.orphanMaps());
        added.put("vnext_memberships", ((long) plan.teams() + plan.vnextOnlyTeams()) * m);
        added.put("legacy_memberships", ((long) plan.teams() + plan.legacyOnlyTeams()) * m - plan.membershipDrift());
        added.put("vnext_rankings", (long) plan.rankingDrift());
        return added;
    }

    /** The report's values (key paths of the JSON report) on a database that was empty before. */
    public Map<String, Object> expectedReport() {
        long legacy = (long) plan.teams() + plan.legacyOnlyTeams();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("coverage.legacy_team_count", legacy);
        expected.put("coverage.vnext_team_count", (long) plan.teams() + plan.vnextOnlyTeams());
        expected.put("coverage.mapped_team_count", (long) plan.teams() + plan.orphanMaps());
        expected.put("coverage.legacy_teams_with_mapping", (long) plan.teams());
        expected.put("coverage.unmapped_legacy_count", (long) plan.legacyOnlyTeams());
        expected.put("mapping_health.total_mappings", (long) plan.teams() + plan.orphanMaps());
        expected.put("mapping_health.orphan_count", 2L * plan.orphanMaps());
        expected.put("mapping_health.unverified_mapping_count", (long) plan.unverifiedMaps() + plan.orphanMaps());
        expected.put("consistency.name_mismatch_count (all sampled)", (long) plan.nameDrift());
        expected.put("consistency.slug_mismatch_count (all sampled)", (long) plan.slugDrift());
        long statusDrift = plan.drift().getOrDefault(DriftKind.MEMBERSHIP_STATUS, 0);
        expected.put("consistency.membership_count_mismatch_count (all sampled)", plan.membershipDrift() + statusDrift);
        expected.put("consistency.ranking_mismatch_count (all sampled)", (long) plan.rankingDrift());
        expected.put("dual_write_health.missing_legacy_count (dual-write on)", (long) plan.vnextOnlyTeams());
        expected.put("shadow_health.memberships.missing_count (all sampled)", (long) plan.membershipDrift());
        expected.put("shadow_health.memberships.differing_count (all sampled)", plan.roleDrift() + statusDrift);
        return expected;
    }

    /**
     * The pairs per drift kind the full verification must find ({@code full_verification.drift_pairs}),
     * on a database that was empty before; kinds not listed are 0.
     */
    public Map<String, Long> expectedDrift() {
        Map<String, Long> expected = new LinkedHashMap<>();
        plan.driftCounts().forEach((kind, count) -> {
            if (!kind.equals(SeedPlan.UNVERIFIED)) {
                expected.put(kind, (long) count);
            }
        });
        expected.put(DriftKind.MISSING_SHADOW.id(), (long) plan.vnextOnlyTeams());
        return expected;
    }
}
