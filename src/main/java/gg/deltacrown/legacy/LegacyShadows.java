package gg.deltacrown.legacy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings legacy shadow rows to the state of their vNext teams (module API).
 *
 * <p>State-based: whatever happened before (duplicates, reordering, a crash half-way through a
 * previous attempt that rolled back), the legacy rows end up matching the vNext state passed in,
 * and are read back to check it. Runs inside the caller's transaction, opening the legacy write
 * bypass for it; a fixed number of statements per batch of teams.
 */
@Service
public class LegacyShadows {

    private final LegacyShadowTables tables;
    private final LegacyWriteBypass bypass;

    LegacyShadows(LegacyShadowTables tables, LegacyWriteBypass bypass) {
        this.tables = tables;
        this.bypass = bypass;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<ShadowResult> apply(List<ShadowRequest> requests, LegacyWriteReason reason) {
        if (requests.isEmpty()) {
            return List.of();
        }
        bypass.open(reason);
        List<ShadowRequest> ordered = requests.stream()
                .sorted(Comparator.comparingLong(request -> request.team().vnextTeamId()))
                .toList();
        Map<Long, List<String>> notes = new HashMap<>();
        ordered.forEach(request -> notes.put(request.team().vnextTeamId(), new ArrayList<>()));

        Set<Long> inserted = new HashSet<>();
        Map<Long, LegacyTeamRow> planned = writeTeams(ordered, notes, inserted);
        Map<Long, ShadowPlanner.MemberPlan> memberPlans = writeMembers(ordered, planned, inserted, notes);
        return verify(ordered, planned, memberPlans, notes);
    }

    /** Writes the legacy teams; adds the ids of the rows it inserted to {@code inserted}. */
    private Map<Long, LegacyTeamRow> writeTeams(
            List<ShadowRequest> requests, Map<Long, List<String>> notes, Set<Long> inserted) {
        Map<Long, LegacyTeamRow> existing = tables.teams(requests.stream()
                .map(ShadowRequest::legacyTeamId)
                .filter(Objects::nonNull)
                .toList());
        LegacyUniqueValues taken = uniqueValuesFor(requests, existing);

        Map<Long, LegacyTeamRow> planned = new LinkedHashMap<>();
        List<LegacyTeamRow> inserts = new ArrayList<>();
        List<OffsetDateTime> insertCreatedAts = new ArrayList<>();
        List<LegacyTeamRow> updates = new ArrayList<>();
        for (ShadowRequest request : requests) {
            long vnextId = request.team().vnextTeamId();
            LegacyTeamRow current = request.legacyTeamId() == null ? null : existing.get(request.legacyTeamId());
            if (request.legacyTeamId() != null && current == null) {
                notes.get(vnextId)
                        .add("mapped legacy team " + request.legacyTeamId() + " no longer existed; recreated");
            }
            LegacyTeamRow row = ShadowPlanner.planTeam(request.team(), current, taken, notes.get(vnextId));
            planned.put(vnextId, row);
            if (current == null) {
                inserts.add(row);
                insertCreatedAts.add(request.team().createdAt());
            } else if (!current.sameContent(row)) {
                updates.add(row);
            }
        }
        tables.updateTeams(updates);
        Map<String, Long> newIds = tables.insertTeams(inserts, insertCreatedAts);
        inserted.addAll(newIds.values());
        planned.replaceAll((vnextId, row) -> row.id() != null ? row : row.withId(newIds.get(row.name())));
        return planned;
    }

    /**
     * The unique values held by other legacy teams, for every value the batch may want: the natural
     * values first, then the first fallback of each natural value that is taken. No lock: when two
     * dispatchers both take a value that was free, the unique index refuses the second and its batch
     * is retried team by team, seeing the first (docs/adr/0016).
     */
    LegacyUniqueValues uniqueValuesFor(List<ShadowRequest> requests, Map<Long, LegacyTeamRow> existing) {
        Set<String> names = new HashSet<>();
        Set<String> tags = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (ShadowRequest request : requests) {
            ShadowTeam team = request.team();
            names.add(ShadowPlanner.nameCandidate(team.name(), team.vnextTeamId(), 0));
            slugs.add(legacySlug(team));
            tags.add(ShadowPlanner.tagCandidate(tagSource(team), team.vnextTeamId(), 0));
        }
        LegacyUniqueValues taken = new LegacyUniqueValues();
        holdAll(taken, tables.holders(names, tags, slugs), existing);

        Set<String> fallbackNames = new HashSet<>();
        Set<String> fallbackTags = new HashSet<>();
        Set<String> fallbackSlugs = new HashSet<>();
        for (ShadowRequest request : requests) {
            ShadowTeam team = request.team();
            long id = team.vnextTeamId();
            long self = request.legacyTeamId() != null ? request.legacyTeamId() : -id;
            if (!LegacyUniqueValues.freeFor(taken.nameHolder(ShadowPlanner.nameCandidate(team.name(), id, 0)), self)) {
                fallbackNames.add(ShadowPlanner.nameCandidate(team.name(), id, 1));
            }
            if (request.legacyTeamId() == null
                    && !LegacyUniqueValues.freeFor(
                            taken.tagHolder(ShadowPlanner.tagCandidate(tagSource(team), id, 0)), self)) {
                fallbackTags.add(ShadowPlanner.tagCandidate(tagSource(team), id, 1));
            }
            if (!LegacyUniqueValues.freeFor(taken.slugHolder(team.game(), legacySlug(team)), self)) {
                fallbackSlugs.add(ShadowPlanner.slugCandidate(legacySlug(team), id, 1));
            }
        }
        if (!fallbackNames.isEmpty() || !fallbackTags.isEmpty() || !fallbackSlugs.isEmpty()) {
            holdAll(taken, tables.holders(fallbackNames, fallbackTags, fallbackSlugs), existing);
        }
        return taken;
    }

    private static void holdAll(
            LegacyUniqueValues taken, List<LegacyTeamRow> holders, Map<Long, LegacyTeamRow> existing) {
        holders.forEach(holder -> taken.hold(holder.id(), holder.name(), holder.tag(), holder.game(), holder.slug()));
        // A team's current shadow holds its own values last: they are free for it.
        existing.values().forEach(row -> taken.hold(row.id(), row.name(), row.tag(), row.game(), row.slug()));
    }

    private static String legacySlug(ShadowTeam team) {
        return LegacyMapping.truncate(team.slug(), LegacyMapping.SLUG_MAX);
    }

    private static String tagSource(ShadowTeam team) {
        String slug = legacySlug(team);
        return slug.isEmpty() ? team.name() : slug;
    }

    /**
     * Writes the legacy memberships. A team inserted in this batch has none yet, so only the
     * others' are read first (a batch of new teams skips that statement, docs/adr/0028).
     */
    private Map<Long, ShadowPlanner.MemberPlan> writeMembers(
            List<ShadowRequest> requests,
            Map<Long, LegacyTeamRow> planned,
            Set<Long> inserted,
            Map<Long, List<String>> notes) {
        Map<Long, List<LegacyMemberRow>> existingByTeam = tables
                .members(planned.values().stream()
                        .map(LegacyTeamRow::id)
                        .filter(id -> !inserted.contains(id))
                        .toList())
                .stream()
                .collect(Collectors.groupingBy(LegacyMemberRow::teamId));
        Map<Long, ShadowPlanner.MemberPlan> plans = planMembers(requests, planned, existingByTeam, notes, true);
        List<LegacyMemberRow> releasing = new ArrayList<>();
        List<LegacyMemberRow> others = new ArrayList<>();
        List<LegacyMemberRow> inserts = new ArrayList<>();
        for (ShadowRequest request : requests) {
            ShadowPlanner.MemberPlan plan = plans.get(request.team().vnextTeamId());
            releasing.addAll(plan.releasingUpdates());
            others.addAll(plan.otherUpdates());
            inserts.addAll(plan.inserts());
        }
        tables.updateMembers(releasing);
        tables.updateMembers(others);
        tables.insertMembers(inserts);
        return plans;
    }

    /**
     * The membership plan of each team of the batch (requests in vNext id order), by vNext team id:
     * the mirrored rows, then the legacy model's one active team per game across the batch and the
     * legacy teams outside it, then Django's owner promotion. The writer locks the profiles it makes
     * ACTIVE ({@code lockActivating}); {@link ShadowCheck} only reads.
     */
    Map<Long, ShadowPlanner.MemberPlan> planMembers(
            List<ShadowRequest> requests,
            Map<Long, LegacyTeamRow> planned,
            Map<Long, List<LegacyMemberRow>> existingByTeam,
            Map<Long, List<String>> notes,
            boolean lockActivating) {
        List<OneActiveTeamPerGame.TeamRows> teams = new ArrayList<>();
        Map<Long, Set<Long>> withoutProfile = new HashMap<>();
        for (ShadowRequest request : requests) {
            long vnextId = request.team().vnextTeamId();
            LegacyTeamRow team = planned.get(vnextId);
            List<LegacyMemberRow> existing = existingByTeam.getOrDefault(team.id(), List.of());
            Set<Long> missing = new LinkedHashSet<>();
            Map<Long, LegacyMemberRow> rows =
                    ShadowPlanner.desiredMembers(team.id(), request.members(), existing, missing, notes.get(vnextId));
            Set<Long> mirrored = request.members().stream()
                    .map(ShadowMember::profileId)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            withoutProfile.put(vnextId, missing);
            teams.add(new OneActiveTeamPerGame.TeamRows(
                    team.id(), team.game(), rows, ShadowPlanner.byProfile(existing), mirrored, notes.get(vnextId)));
        }
        holdBackSecondActiveTeams(teams, lockActivating);

        Map<Long, ShadowPlanner.MemberPlan> plans = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            long vnextId = requests.get(i).team().vnextTeamId();
            OneActiveTeamPerGame.TeamRows team = teams.get(i);
            plans.put(
                    vnextId,
                    ShadowPlanner.finishMembers(
                            team.rows(),
                            existingByTeam.getOrDefault(team.legacyTeamId(), List.of()),
                            withoutProfile.get(vnextId),
                            notes.get(vnextId)));
        }
        return plans;
    }

    /**
     * The legacy model's one active team per game: lock the profiles this batch makes ACTIVE, read
     * where the batch's ACTIVE profiles are ACTIVE elsewhere, and hold back the second rows.
     */
    private void holdBackSecondActiveTeams(List<OneActiveTeamPerGame.TeamRows> teams, boolean lock) {
        Set<Long> active = new HashSet<>();
        Set<Long> activating = new HashSet<>();
        for (OneActiveTeamPerGame.TeamRows team : teams) {
            if (team.game() == null || team.game().isEmpty()) {
                continue;
            }
            team.rows().values().stream().filter(LegacyMemberRow::active).forEach(row -> {
                active.add(row.profileId());
                LegacyMemberRow before = team.existing().get(row.profileId());
                if (before == null || !before.active()) {
                    activating.add(row.profileId());
                }
            });
        }
        if (activating.isEmpty()) {
            return; // nobody becomes ACTIVE: nothing can start a conflict
        }
        if (lock) {
            tables.lockProfiles(activating);
        }
        List<Long> batchTeams =
                teams.stream().map(OneActiveTeamPerGame.TeamRows::legacyTeamId).toList();
        new OneActiveTeamPerGame(tables.activeElsewhere(active, batchTeams)).apply(teams);
    }

    private List<ShadowResult> verify(
            List<ShadowRequest> requests,
            Map<Long, LegacyTeamRow> planned,
            Map<Long, ShadowPlanner.MemberPlan> memberPlans,
            Map<Long, List<String>> notes) {
        List<Long> legacyIds = planned.values().stream().map(LegacyTeamRow::id).toList();
        Map<Long, LegacyTeamRow> actualTeams = tables.teams(legacyIds);
        Map<Long, Map<Long, LegacyMemberRow>> actualMembers = new HashMap<>();
        for (LegacyMemberRow row : tables.members(legacyIds)) {
            actualMembers.computeIfAbsent(row.teamId(), id -> new HashMap<>()).put(row.profileId(), row);
        }
        List<ShadowResult> results = new ArrayList<>();
        for (ShadowRequest request : requests) {
            long vnextId = request.team().vnextTeamId();
            LegacyTeamRow expected = planned.get(vnextId);
            LegacyTeamRow actual = actualTeams.get(expected.id());
            List<String> teamNotes = notes.get(vnextId);
            boolean verified = actual != null
                    && actual.sameContent(expected)
                    && actual.tag().equals(expected.tag());
            if (!verified) {
                teamNotes.add("legacy team " + expected.id() + " does not match after write: " + actual);
            }
            Map<Long, LegacyMemberRow> members = actualMembers.getOrDefault(expected.id(), Map.of());
            for (LegacyMemberRow wanted : memberPlans.get(vnextId).finalRows()) {
                LegacyMemberRow found = members.get(wanted.profileId());
                if (found == null || !wanted.sameState(found)) {
                    verified = false;
                    teamNotes.add("legacy membership of profile " + wanted.profileId() + " does not match after write");
                }
            }
            results.add(new ShadowResult(
                    vnextId,
                    expected.id(),
                    actual == null ? expected.slug() : actual.slug(),
                    verified,
                    List.copyOf(teamNotes),
                    memberPlans.get(vnextId).withoutProfile()));
        }
        return results;
    }
}
