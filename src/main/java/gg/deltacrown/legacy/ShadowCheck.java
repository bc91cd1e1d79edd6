package gg.deltacrown.legacy;

import gg.deltacrown.legacy.ShadowDifferences.MemberColumn;
import gg.deltacrown.legacy.ShadowDifferences.MemberDifference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares legacy shadows with what the shadow writer would make of their vNext teams, without
 * writing anything (module API): the writer's own planner decides the expected rows (uniqueness
 * suffixes, owner promotion, one row per user, one active team per game), so "differs" here means "the writer would change
 * it". Only what the legacy app shows is compared: the writer's bookkeeping in
 * {@code role_metadata}, {@code joined_at} (kept from the first write) and the tag (set once) are
 * not. Runs in the caller's transaction, a fixed number of statements per batch.
 */
@Component
public class ShadowCheck {

    private final LegacyShadowTables tables;
    private final LegacyShadows shadows;

    ShadowCheck(LegacyShadowTables tables, LegacyShadows shadows) {
        this.tables = tables;
        this.shadows = shadows;
    }

    /** One result per request that names a legacy team; requests without one are skipped. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ShadowDifferences> compare(List<ShadowRequest> requests) {
        List<ShadowRequest> mapped = requests.stream()
                .filter(request -> request.legacyTeamId() != null)
                .sorted(Comparator.comparingLong(request -> request.team().vnextTeamId()))
                .toList();
        if (mapped.isEmpty()) {
            return List.of();
        }
        List<Long> legacyIds = mapped.stream().map(ShadowRequest::legacyTeamId).toList();
        Map<Long, LegacyTeamRow> existing = tables.teams(legacyIds);
        List<ShadowRequest> present = mapped.stream()
                .filter(request -> existing.containsKey(request.legacyTeamId()))
                .toList();
        LegacyUniqueValues taken = shadows.uniqueValuesFor(present, existing);
        Map<Long, List<LegacyMemberRow>> membersByTeam =
                tables.members(existing.keySet()).stream().collect(Collectors.groupingBy(LegacyMemberRow::teamId));

        Map<Long, LegacyTeamRow> planned = new HashMap<>();
        Map<Long, List<String>> notes = new HashMap<>();
        for (ShadowRequest request : present) {
            long vnextId = request.team().vnextTeamId();
            notes.put(vnextId, new ArrayList<>());
            planned.put(
                    vnextId,
                    ShadowPlanner.planTeam(
                            request.team(), existing.get(request.legacyTeamId()), taken, notes.get(vnextId)));
        }
        Map<Long, ShadowPlanner.MemberPlan> plans = shadows.planMembers(present, planned, membersByTeam, notes, false);

        List<ShadowDifferences> results = new ArrayList<>();
        for (ShadowRequest request : mapped) {
            long vnextId = request.team().vnextTeamId();
            long legacyId = request.legacyTeamId();
            LegacyTeamRow current = existing.get(legacyId);
            if (current == null) {
                results.add(new ShadowDifferences(vnextId, legacyId, true, Set.of(), List.of(), 0, 0));
                continue;
            }
            Set<String> columns = teamDifferences(planned.get(vnextId), current);
            List<LegacyMemberRow> actual = membersByTeam.getOrDefault(legacyId, List.of());
            ShadowPlanner.MemberPlan plan = plans.get(vnextId);
            results.add(new ShadowDifferences(
                    vnextId,
                    legacyId,
                    false,
                    columns,
                    memberDifferences(request.members(), plan, actual),
                    mirroredProfiles(request.members()).size(),
                    plan.withoutProfile().size()));
        }
        return results;
    }

    private static Set<String> teamDifferences(LegacyTeamRow planned, LegacyTeamRow actual) {
        Set<String> columns = new LinkedHashSet<>();
        differs(columns, "name", planned.name(), actual.name());
        differs(columns, "slug", planned.slug(), actual.slug());
        differs(columns, "game", planned.game(), actual.game());
        differs(columns, "region", planned.region(), actual.region());
        differs(columns, "description", planned.description(), actual.description());
        differs(columns, "logo", planned.logo(), actual.logo());
        differs(columns, "banner_image", planned.bannerImage(), actual.bannerImage());
        differs(columns, "logo_url", planned.logoUrl(), actual.logoUrl());
        differs(columns, "is_active", planned.active(), actual.active());
        differs(columns, "is_public", planned.active(), actual.isPublic());
        return columns;
    }

    private static List<MemberDifference> memberDifferences(
            List<ShadowMember> members, ShadowPlanner.MemberPlan plan, List<LegacyMemberRow> actual) {
        Map<Long, LegacyMemberRow> actualByProfile = new HashMap<>();
        actual.forEach(row -> actualByProfile.put(row.profileId(), row));
        Set<Long> mirrored = mirroredProfiles(members);
        List<MemberDifference> differences = new ArrayList<>();
        for (LegacyMemberRow wanted : plan.finalRows()) {
            LegacyMemberRow found = actualByProfile.get(wanted.profileId());
            if (!mirrored.contains(wanted.profileId())) {
                differences.add(difference(MemberColumn.EXTRA, wanted, found));
            } else if (found == null) {
                differences.add(difference(MemberColumn.MISSING, wanted, null));
            } else {
                compareMember(differences, wanted, found);
            }
        }
        return differences;
    }

    private static void compareMember(
            List<MemberDifference> differences, LegacyMemberRow wanted, LegacyMemberRow found) {
        if (!Objects.equals(wanted.role(), found.role())) {
            differences.add(difference(MemberColumn.ROLE, wanted, found));
        } else if ("OWNER".equals(wanted.role()) && !found.allPermissions()) {
            differences.add(difference(MemberColumn.PERMISSIONS, wanted, found));
        }
        if (!Objects.equals(wanted.status(), found.status())) {
            differences.add(difference(MemberColumn.STATUS, wanted, found));
        }
        if (!LegacyMemberRow.sameInstant(wanted.leftAt(), found.leftAt())) {
            differences.add(difference(MemberColumn.LEFT_AT, wanted, found));
        }
        if (wanted.captain() != found.captain()) {
            differences.add(difference(MemberColumn.IS_CAPTAIN, wanted, found));
        }
        if (!Objects.equals(wanted.rosterSlot(), found.rosterSlot())) {
            differences.add(difference(MemberColumn.ROSTER_SLOT, wanted, found));
        }
        if (!Objects.equals(wanted.playerRole(), found.playerRole())) {
            differences.add(difference(MemberColumn.PLAYER_ROLE, wanted, found));
        }
    }

    private static MemberDifference difference(MemberColumn column, LegacyMemberRow wanted, LegacyMemberRow found) {
        return new MemberDifference(
                column,
                column == MemberColumn.EXTRA ? null : wanted.vnextMembershipId(),
                found == null ? null : found.id(),
                wanted.profileId());
    }

    /** The profiles the writer mirrors: each user's current membership, when the user has a profile. */
    private static Set<Long> mirroredProfiles(List<ShadowMember> members) {
        Set<Long> profiles = new HashSet<>();
        for (ShadowMember member : ShadowPlanner.currentPerUser(members)) {
            if (member.profileId() != null) {
                profiles.add(member.profileId());
            }
        }
        return profiles;
    }

    private static void differs(Set<String> columns, String column, Object planned, Object actual) {
        if (!Objects.equals(planned, actual)) {
            columns.add(column);
        }
    }
}
