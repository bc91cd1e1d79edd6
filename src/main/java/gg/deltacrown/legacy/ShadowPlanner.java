package gg.deltacrown.legacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Decides what the legacy rows of a vNext team must look like: pure functions, no I/O.
 *
 * <p>Every planned row passes the legacy model's validation rules (docs/adr/0015): a tag of 2-10
 * upper-case letters and digits, a name of at most 50 characters, OWNER only when ACTIVE, the
 * captain title only for owners, managers, players and substitutes. Legacy uniqueness is resolved
 * deterministically from the vNext team id, so the same state always gives the same legacy
 * values: a taken name gets {@code " #<id>"}, a taken tag ends in the id in base 36, a taken slug
 * (per game) ends in {@code -v<id>}. Django's post-save owner promotion (docs/adr/0015) is applied to
 * the planned rows: a team without an ACTIVE OWNER gets its first ACTIVE member (role ascending,
 * joined_at descending) promoted to OWNER.
 */
final class ShadowPlanner {

    private static final int MAX_CANDIDATES = 50;

    private ShadowPlanner() {}

    /** The planned team row (id of the existing shadow, or null for a new one). */
    static LegacyTeamRow planTeam(
            ShadowTeam team, LegacyTeamRow existing, LegacyUniqueValues taken, List<String> notes) {
        long self = existing != null ? existing.id() : -team.vnextTeamId();
        String slug = LegacyMapping.truncate(team.slug(), LegacyMapping.SLUG_MAX);
        if (!slug.equals(team.slug())) {
            notes.add("legacy slug shortened to " + LegacyMapping.SLUG_MAX + " characters");
        }
        String region = LegacyMapping.truncate(team.region() == null ? "" : team.region(), LegacyMapping.REGION_MAX);
        long id = team.vnextTeamId();
        String name = resolve(n -> nameCandidate(team.name(), id, n), taken::nameHolder, self, "name", notes);
        String resolvedSlug = resolve(
                n -> slugCandidate(slug, id, n), value -> taken.slugHolder(team.game(), value), self, "slug", notes);
        String tagSource = slug.isEmpty() ? team.name() : slug;
        String tag = existing != null
                ? existing.tag()
                : resolve(n -> tagCandidate(tagSource, id, n), taken::tagHolder, self, "tag", notes);
        LegacyTeamRow planned = new LegacyTeamRow(
                existing == null ? null : existing.id(),
                name,
                tag,
                resolvedSlug,
                team.game(),
                region,
                team.description() == null ? "" : team.description(),
                team.logo(),
                team.bannerImage(),
                LegacyMapping.truncate(team.logoUrl(), LegacyMapping.LOGO_URL_MAX),
                team.active(),
                null);
        taken.release(self);
        taken.hold(self, planned.name(), planned.tag(), planned.game(), planned.slug());
        return planned;
    }

    private static String resolve(
            IntFunction<String> candidates,
            Function<String, Long> holderOf,
            long self,
            String what,
            List<String> notes) {
        for (int n = 0; n < MAX_CANDIDATES; n++) {
            String candidate = candidates.apply(n);
            Long holder = holderOf.apply(candidate);
            if (LegacyUniqueValues.freeFor(holder, self)) {
                if (n > 0) {
                    String natural = candidates.apply(0);
                    Long firstHolder = holderOf.apply(natural);
                    notes.add("legacy " + what + " '" + natural + "' is taken"
                            + (firstHolder != null && firstHolder > 0 ? " by legacy team " + firstHolder : "")
                            + "; used '" + candidate + "'");
                }
                return candidate;
            }
        }
        throw new IllegalStateException("no free legacy " + what + " after " + MAX_CANDIDATES + " candidates");
    }

    /**
     * The n-th legacy name for a vNext team: its own (vNext names are 3-50 characters already; a
     * longer one can only be the legacy team's own name, mapped by a backfill), then
     * {@code "<name> #<id>"}, {@code "… #<id>-2"} within 50 characters.
     */
    static String nameCandidate(String name, long vnextTeamId, int n) {
        if (n == 0) {
            return LegacyMapping.truncate(name, LegacyMapping.NAME_MAX);
        }
        String suffix = " #" + vnextTeamId + (n == 1 ? "" : "-" + n);
        return LegacyMapping.truncate(name, LegacyMapping.NAME_RULE_MAX - suffix.length())
                        .stripTrailing()
                + suffix;
    }

    /** The n-th legacy slug (already shortened to 64): its own, then {@code <slug>-v<id>}, … */
    static String slugCandidate(String slug, long vnextTeamId, int n) {
        if (n == 0) {
            return slug;
        }
        String suffix = "-v" + vnextTeamId + (n == 1 ? "" : "-" + n);
        return LegacyMapping.truncate(slug, LegacyMapping.SLUG_MAX - suffix.length()) + suffix;
    }

    /**
     * The n-th legacy tag, always 2-10 upper-case letters and digits ({@code Team.clean()}): the
     * letters and digits of the slug, upper-cased, at most 10 ({@code staging-test-team-alpha} →
     * {@code STAGINGTES}); then a shorter prefix followed by the vNext id in base 36, and for n ≥ 2
     * by n in base 36 as well. A source with fewer than two letters or digits is completed with the id.
     */
    static String tagCandidate(String source, long vnextTeamId, int n) {
        String letters = source.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String id = Long.toString(vnextTeamId, 36).toUpperCase(Locale.ROOT);
        if (n == 0 && letters.length() >= LegacyMapping.TAG_MIN) {
            return LegacyMapping.truncate(letters, LegacyMapping.TAG_MAX);
        }
        String suffix = id + (n <= 1 ? "" : Integer.toString(n, 36).toUpperCase(Locale.ROOT));
        if (suffix.length() >= LegacyMapping.TAG_MAX) {
            return suffix.substring(suffix.length() - LegacyMapping.TAG_MAX);
        }
        String tag = LegacyMapping.truncate(letters, LegacyMapping.TAG_MAX - suffix.length()) + suffix;
        return tag.length() < LegacyMapping.TAG_MIN ? "T" + tag : tag;
    }

    /** Whether a tag passes {@code Team.clean()}. */
    static boolean validTag(String tag) {
        return tag != null && tag.matches("[A-Z0-9]{" + LegacyMapping.TAG_MIN + "," + LegacyMapping.TAG_MAX + "}");
    }

    /** The legacy membership rows after the write, and the statements that get there. */
    record MemberPlan(
            List<LegacyMemberRow> finalRows,
            List<LegacyMemberRow> inserts,
            List<LegacyMemberRow> releasingUpdates,
            List<LegacyMemberRow> otherUpdates,
            Set<Long> withoutProfile) {}

    /** The plan for one team on its own (no other team's memberships in play). */
    static MemberPlan planMembers(
            long legacyTeamId, List<ShadowMember> members, List<LegacyMemberRow> existing, List<String> notes) {
        Set<Long> withoutProfile = new LinkedHashSet<>();
        Map<Long, LegacyMemberRow> rows = desiredMembers(legacyTeamId, members, existing, withoutProfile, notes);
        return finishMembers(rows, existing, withoutProfile, notes);
    }

    /**
     * The row each profile of the team should have, by profile id: the mirrored vNext memberships
     * over the legacy rows that are there (rows with no vNext counterpart stay as they are).
     */
    static Map<Long, LegacyMemberRow> desiredMembers(
            long legacyTeamId,
            List<ShadowMember> members,
            List<LegacyMemberRow> existing,
            Set<Long> withoutProfile,
            List<String> notes) {
        Map<Long, LegacyMemberRow> existingByProfile = byProfile(existing);
        Map<Long, LegacyMemberRow> rows = new HashMap<>(existingByProfile);
        for (ShadowMember member : currentPerUser(members)) {
            if (member.profileId() != null) {
                rows.put(member.profileId(), desired(legacyTeamId, member, existingByProfile.get(member.profileId())));
            }
        }
        for (ShadowMember member : members) {
            if (member.profileId() == null) {
                withoutProfile.add(member.vnextMembershipId());
            }
        }
        if (!withoutProfile.isEmpty()) {
            notes.add("memberships " + withoutProfile + " not mirrored: user has no user_profile_userprofile row");
        }
        return rows;
    }

    /** Django's owner promotion on the final rows, then the statements from the rows there to them. */
    static MemberPlan finishMembers(
            Map<Long, LegacyMemberRow> rows,
            List<LegacyMemberRow> existing,
            Set<Long> withoutProfile,
            List<String> notes) {
        Map<Long, LegacyMemberRow> existingByProfile = byProfile(existing);
        Map<Long, LegacyMemberRow> finalByProfile = new HashMap<>(rows);
        promoteOwnerIfMissing(finalByProfile, notes);

        List<LegacyMemberRow> inserts = new ArrayList<>();
        List<LegacyMemberRow> releasing = new ArrayList<>();
        List<LegacyMemberRow> others = new ArrayList<>();
        for (LegacyMemberRow row : finalByProfile.values()) {
            LegacyMemberRow before = existingByProfile.get(row.profileId());
            if (before == null) {
                inserts.add(row);
            } else if (!row.sameState(before)) {
                boolean releases = (before.activeOwner() && !row.activeOwner())
                        || (before.activeCaptain() && !row.activeCaptain());
                (releases ? releasing : others).add(row);
            }
        }
        List<LegacyMemberRow> finalRows = new ArrayList<>(finalByProfile.values());
        finalRows.sort(Comparator.comparing(LegacyMemberRow::profileId));
        return new MemberPlan(finalRows, inserts, releasing, others, withoutProfile);
    }

    static Map<Long, LegacyMemberRow> byProfile(List<LegacyMemberRow> rows) {
        Map<Long, LegacyMemberRow> byProfile = new HashMap<>();
        rows.forEach(row -> byProfile.put(row.profileId(), row));
        return byProfile;
    }

    /** Legacy keeps one row per (team, profile): mirror each user's ACTIVE membership, else the latest. */
    static List<ShadowMember> currentPerUser(List<ShadowMember> members) {
        Map<Long, ShadowMember> byUser = new HashMap<>();
        Comparator<ShadowMember> preference = Comparator.comparing((ShadowMember m) -> "ACTIVE".equals(m.status()))
                .thenComparing(ShadowMember::joinedAt)
                .thenComparing(ShadowMember::vnextMembershipId);
        for (ShadowMember member : members) {
            byUser.merge(member.userId(), member, (a, b) -> preference.compare(a, b) >= 0 ? a : b);
        }
        return List.copyOf(byUser.values());
    }

    /**
     * The legacy row for a vNext membership. The legacy model allows OWNER only on an ACTIVE row
     * (a non-ACTIVE vNext owner becomes a PLAYER row, its vNext role kept in role_metadata) and
     * the captain title only for owners, managers, players and substitutes.
     */
    private static LegacyMemberRow desired(long legacyTeamId, ShadowMember member, LegacyMemberRow current) {
        String status = LegacyMapping.status(member.status());
        boolean active = "ACTIVE".equals(status);
        String mapped = LegacyMapping.role(member.role());
        String role =
                active || !LegacyMapping.ACTIVE_ONLY_ROLES.contains(mapped) ? mapped : LegacyMapping.role("PLAYER");
        boolean owner = "OWNER".equals(role);
        boolean allPermissions = owner || (current != null && current.allPermissions());
        return new LegacyMemberRow(
                current == null ? null : current.id(),
                legacyTeamId,
                member.profileId(),
                role,
                status,
                member.rosterSlot(),
                LegacyMapping.truncate(
                        member.playerRole() == null ? "" : member.playerRole(), LegacyMapping.PLAYER_ROLE_MAX),
                member.captain() && active && LegacyMapping.CAPTAIN_ROLES.contains(role),
                current == null ? member.joinedAt() : current.joinedAt(),
                "REMOVED".equals(status) ? member.leftAt() : null,
                allPermissions,
                member.vnextMembershipId(),
                member.role(),
                false,
                false);
    }

    private static void promoteOwnerIfMissing(Map<Long, LegacyMemberRow> rows, List<String> notes) {
        if (rows.values().stream().anyMatch(LegacyMemberRow::activeOwner)) {
            return;
        }
        Optional<LegacyMemberRow> first = rows.values().stream()
                .filter(row -> "ACTIVE".equals(row.status()))
                .min(Comparator.comparing(LegacyMemberRow::role)
                        .thenComparing(LegacyMemberRow::joinedAt, Comparator.reverseOrder()));
        first.ifPresent(row -> {
            rows.put(row.profileId(), row.promotedToOwner());
            notes.add("no ACTIVE OWNER: profile " + row.profileId() + " promoted to OWNER as Django's save would");
        });
    }
}
