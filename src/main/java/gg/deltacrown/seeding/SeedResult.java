package gg.deltacrown.seeding;

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
        expected.put("consistency.membership_count_mismatch_count (all sampled)", (long) plan.membershipDrift());
        expected.put("consistency.ranking_mismatch_count (all sampled)", (long) plan.rankingDrift());
        expected.put("dual_write_health.missing_legacy_count (dual-write on)", (long) plan.vnextOnlyTeams());
        expected.put("shadow_health.memberships.missing_count (all sampled)", (long) plan.membershipDrift());
        expected.put("shadow_health.memberships.differing_count (all sampled)", (long) plan.roleDrift());
        return expected;
    }
}
