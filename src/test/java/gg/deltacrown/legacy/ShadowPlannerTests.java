package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowPlannerTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 25, 14, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void keepsTheVnextValuesWhenNothingCollides() {
        List<String> notes = new ArrayList<>();
        LegacyTeamRow row = ShadowPlanner.planTeam(
                team(7, "Staging Test Team Alpha", "staging-test-team-alpha"), null, new LegacyUniqueValues(), notes);

        assertThat(row.name()).isEqualTo("Staging Test Team Alpha");
        assertThat(row.slug()).isEqualTo("staging-test-team-alpha");
        assertThat(row.tag()).isEqualTo("STAGINGTES");
        assertThat(notes).isEmpty();
    }

    @Test
    void resolvesEachTakenValueFromTheVnextIdAndSaysSo() {
        LegacyUniqueValues taken = new LegacyUniqueValues();
        taken.hold(17, "Perf Test Team 1", "PERFTESTTE", "valorant", "perf-test-team-1");
        List<String> notes = new ArrayList<>();

        LegacyTeamRow row =
                ShadowPlanner.planTeam(team(1234, "Perf Test Team 1", "perf-test-team-1"), null, taken, notes);

        assertThat(row.name()).isEqualTo("Perf Test Team 1 #1234");
        assertThat(row.slug()).isEqualTo("perf-test-team-1-v1234");
        assertThat(row.tag()).as("1234 in base 36 is YA").isEqualTo("PERFTESTYA");
        assertThat(notes).hasSize(3).allMatch(note -> note.contains("taken by legacy team 17"));
    }

    @Test
    void givesTheSameAnswerEveryTimeForTheSameState() {
        LegacyUniqueValues first = new LegacyUniqueValues();
        first.hold(17, "Alpha", "alpha", "valorant", "alpha");
        LegacyUniqueValues second = new LegacyUniqueValues();
        second.hold(17, "Alpha", "alpha", "valorant", "alpha");

        assertThat(ShadowPlanner.planTeam(team(5, "Alpha", "alpha"), null, first, new ArrayList<>()))
                .isEqualTo(ShadowPlanner.planTeam(team(5, "Alpha", "alpha"), null, second, new ArrayList<>()));
    }

    @Test
    void aTeamKeepsItsOwnValuesOnUpdate() {
        LegacyTeamRow existing =
                new LegacyTeamRow(40L, "Alpha", "ALPHA", "alpha", "valorant", "NA", "", null, null, null, true, true);
        LegacyUniqueValues taken = new LegacyUniqueValues();
        taken.hold(40, "Alpha", "ALPHA", "valorant", "alpha");

        LegacyTeamRow row = ShadowPlanner.planTeam(team(5, "Alpha", "alpha"), existing, taken, new ArrayList<>());

        assertThat(row.id()).isEqualTo(40L);
        assertThat(row.name()).isEqualTo("Alpha");
        assertThat(row.tag()).isEqualTo("ALPHA");
    }

    @Test
    void shortensLongValuesToTheLegacyColumns() {
        String longSlug = "a".repeat(90);
        List<String> notes = new ArrayList<>();
        LegacyTeamRow row = ShadowPlanner.planTeam(
                new ShadowTeam(
                        3,
                        "Long",
                        longSlug,
                        "valorant",
                        "X".repeat(50),
                        null,
                        null,
                        null,
                        "https://cdn/" + "x".repeat(600),
                        true,
                        T0),
                null,
                new LegacyUniqueValues(),
                notes);

        assertThat(row.slug()).hasSize(64);
        assertThat(row.region()).hasSize(48);
        assertThat(row.logoUrl()).hasSize(500);
        assertThat(row.description()).isEmpty();
        assertThat(notes).anyMatch(note -> note.contains("slug shortened"));
    }

    @Test
    void everyTagCandidatePassesTheLegacyModelsClean() {
        List<String> sources =
                List.of("staging-test-team-alpha", "django-c", "a", "", "-", "équipe-nantaise", "日本", "x-1", "ab", "9");
        for (String source : sources) {
            for (long id : new long[] {1, 4, 35, 36, 1234, 999_999_999_999L, Long.MAX_VALUE}) {
                for (int n = 0; n < 50; n++) {
                    String tag = ShadowPlanner.tagCandidate(source, id, n);
                    assertThat(tag)
                            .as("source '%s', vNext id %d, candidate %d", source, id, n)
                            .matches("[A-Z0-9]{2,10}");
                    assertThat(ShadowPlanner.validTag(tag)).isTrue();
                }
            }
        }
        assertThat(ShadowPlanner.tagCandidate("django-c", 4, 1))
                .as("the collision suffix of the issue's example: letters and digits, no hyphen")
                .isEqualTo("DJANGOC4");
        assertThat(ShadowPlanner.validTag("django-c-4")).isFalse();
        assertThat(ShadowPlanner.validTag("D")).isFalse();
    }

    @Test
    void suffixedNamesStayWithinFiftyCharacters() {
        String fifty = "N".repeat(49) + "é";

        assertThat(ShadowPlanner.nameCandidate(fifty, 123456, 0)).isEqualTo(fifty);
        for (int n = 1; n < 50; n++) {
            String name = ShadowPlanner.nameCandidate(fifty, 123456, n);
            assertThat(name.codePointCount(0, name.length())).isBetween(3, 50);
            assertThat(name).startsWith("NNN").contains(" #123456");
        }
        assertThat(ShadowPlanner.nameCandidate("Abc", 7, 1)).isEqualTo("Abc #7");
        assertThat(ShadowPlanner.nameCandidate("A".repeat(46) + " word", 7, 1))
                .as("no space left before the suffix")
                .isEqualTo("A".repeat(46) + " #7");
    }

    @Test
    void ownersAreActiveAndCaptainsHoldARoleThatMayBeCaptain() {
        List<ShadowMember> members = List.of(
                new ShadowMember(1, 10, 100L, "OWNER", "ACTIVE", "STARTER", "", true, T0, null),
                new ShadowMember(2, 11, 101L, "OWNER", "INVITED", null, "", false, T0, null),
                new ShadowMember(3, 12, 102L, "COACH", "ACTIVE", "COACH", "", true, T0, null));

        ShadowPlanner.MemberPlan plan = ShadowPlanner.planMembers(9, members, List.of(), new ArrayList<>());

        assertThat(plan.finalRows())
                .extracting(
                        LegacyMemberRow::profileId,
                        LegacyMemberRow::role,
                        LegacyMemberRow::status,
                        LegacyMemberRow::captain,
                        LegacyMemberRow::vnextRole)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(100L, "OWNER", "ACTIVE", true, "OWNER"),
                        org.assertj.core.groups.Tuple.tuple(101L, "PLAYER", "PENDING", false, "OWNER"),
                        org.assertj.core.groups.Tuple.tuple(102L, "HEAD_COACH", "ACTIVE", false, "COACH"));
    }

    @Test
    void mirrorsEachUsersActiveMembershipElseTheLatest() {
        ShadowMember old = member(1, 10, 100L, "PLAYER", "INACTIVE", T0);
        ShadowMember current = member(2, 10, 100L, "SUBSTITUTE", "ACTIVE", T0.minusDays(1));
        ShadowMember leftTwice = member(3, 11, 101L, "PLAYER", "INACTIVE", T0);
        ShadowMember leftLater = member(4, 11, 101L, "COACH", "INACTIVE", T0.plusDays(1));

        assertThat(ShadowPlanner.currentPerUser(List.of(old, current, leftTwice, leftLater)))
                .extracting(ShadowMember::vnextMembershipId)
                .containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void mapsRolesAndStatusesAndPlansInsertsAndUpdates() {
        LegacyMemberRow existing = new LegacyMemberRow(
                500L, 9, 100L, "PLAYER", "ACTIVE", null, "", false, T0, null, false, 1L, "PLAYER", false, false);
        List<ShadowMember> members = List.of(
                member(1, 10, 100L, "OWNER", "ACTIVE", T0),
                member(2, 11, 101L, "COACH", "INVITED", T0),
                member(3, 12, 102L, "SCOUT", "INACTIVE", T0));

        ShadowPlanner.MemberPlan plan = ShadowPlanner.planMembers(9, members, List.of(existing), new ArrayList<>());

        assertThat(plan.otherUpdates()).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(500L);
            assertThat(row.role()).isEqualTo("OWNER");
            assertThat(row.allPermissions()).isTrue();
        });
        assertThat(plan.inserts())
                .extracting(LegacyMemberRow::role, LegacyMemberRow::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("HEAD_COACH", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("ANALYST", "REMOVED"));
        assertThat(plan.releasingUpdates()).isEmpty();
    }

    @Test
    void promotesAnOwnerWhenTheTeamHasNoneAsDjangoWould() {
        List<ShadowMember> members = List.of(
                member(1, 10, 100L, "PLAYER", "ACTIVE", T0),
                member(2, 11, 101L, "MANAGER", "ACTIVE", T0),
                member(3, 12, 102L, "MANAGER", "ACTIVE", T0.plusHours(1)));
        List<String> notes = new ArrayList<>();

        ShadowPlanner.MemberPlan plan = ShadowPlanner.planMembers(9, members, List.of(), notes);

        // role ascending as text, then joined_at descending: the later MANAGER.
        assertThat(plan.finalRows())
                .filteredOn(LegacyMemberRow::activeOwner)
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.profileId()).isEqualTo(102L);
                    assertThat(row.promoted()).isTrue();
                    assertThat(row.vnextRole()).isEqualTo("MANAGER");
                });
        assertThat(notes).anyMatch(note -> note.contains("promoted to OWNER"));
    }

    @Test
    void releasesTheOwnerSlotBeforeAnotherRowTakesIt() {
        LegacyMemberRow oldOwner = new LegacyMemberRow(
                1L, 9, 100L, "OWNER", "ACTIVE", null, "", false, T0, null, true, 1L, "OWNER", false, false);
        LegacyMemberRow player = new LegacyMemberRow(
                2L, 9, 101L, "PLAYER", "ACTIVE", null, "", false, T0, null, false, 2L, "PLAYER", false, false);
        List<ShadowMember> members =
                List.of(member(1, 10, 100L, "PLAYER", "ACTIVE", T0), member(2, 11, 101L, "OWNER", "ACTIVE", T0));

        ShadowPlanner.MemberPlan plan =
                ShadowPlanner.planMembers(9, members, List.of(oldOwner, player), new ArrayList<>());

        assertThat(plan.releasingUpdates()).extracting(LegacyMemberRow::id).containsExactly(1L);
        assertThat(plan.otherUpdates()).extracting(LegacyMemberRow::id).containsExactly(2L);
    }

    @Test
    void rewritesAnOwnerRowThatLostAPermissionEvenWhenEverythingElseMatches() {
        // The row as the writer left it (links in role_metadata), then an app turned a flag off.
        LegacyMemberRow owner = new LegacyMemberRow(
                1L, 9, 100L, "OWNER", "ACTIVE", null, "", false, T0, null, false, 1L, "OWNER", false, false);

        ShadowPlanner.MemberPlan plan = ShadowPlanner.planMembers(
                9, List.of(member(1, 10, 100L, "OWNER", "ACTIVE", T0)), List.of(owner), new ArrayList<>());

        assertThat(plan.otherUpdates()).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(1L);
            assertThat(row.allPermissions()).isTrue();
        });
    }

    @Test
    void leavesARowWithoutLinksAloneWhenItsColumnsMatchAndRewritesItWhenTheyDoNot() {
        LegacyMemberRow owner = new LegacyMemberRow(
                6L, 9, 200L, "OWNER", "ACTIVE", null, "", false, T0, null, true, 2L, "OWNER", false, false);
        // role_metadata {} (a row Django wrote, or one backfill adopted): no vNext links.
        LegacyMemberRow unlinked = new LegacyMemberRow(
                7L, 9, 100L, "PLAYER", "ACTIVE", null, "", false, T0, null, false, null, null, false, false);
        LegacyMemberRow linkedElsewhere = new LegacyMemberRow(
                7L, 9, 100L, "PLAYER", "ACTIVE", null, "", false, T0, null, false, 99L, "PLAYER", false, false);
        ShadowMember vnextOwner = member(2, 20, 200L, "OWNER", "ACTIVE", T0);

        assertThat(ShadowPlanner.planMembers(
                                9,
                                List.of(vnextOwner, member(1, 10, 100L, "PLAYER", "ACTIVE", T0)),
                                List.of(owner, unlinked),
                                new ArrayList<>())
                        .otherUpdates())
                .isEmpty();
        assertThat(ShadowPlanner.planMembers(
                                9,
                                List.of(vnextOwner, member(1, 10, 100L, "SUBSTITUTE", "ACTIVE", T0)),
                                List.of(owner, unlinked),
                                new ArrayList<>())
                        .otherUpdates())
                .singleElement()
                .satisfies(row -> assertThat(row.vnextMembershipId()).isEqualTo(1L));
        assertThat(ShadowPlanner.planMembers(
                                9,
                                List.of(vnextOwner, member(1, 10, 100L, "PLAYER", "ACTIVE", T0)),
                                List.of(owner, linkedElsewhere),
                                new ArrayList<>())
                        .otherUpdates())
                .as("a link to another vNext membership is a difference")
                .singleElement()
                .satisfies(row -> assertThat(row.vnextMembershipId()).isEqualTo(1L));
    }

    @Test
    void leavesUsersWithoutAProfileOutAndNamesTheirMemberships() {
        List<String> notes = new ArrayList<>();
        ShadowPlanner.MemberPlan plan = ShadowPlanner.planMembers(
                9,
                List.of(member(1, 10, 100L, "OWNER", "ACTIVE", T0), member(2, 11, null, "PLAYER", "ACTIVE", T0)),
                List.of(),
                notes);

        assertThat(plan.withoutProfile()).containsExactly(2L);
        assertThat(plan.inserts()).hasSize(1);
        assertThat(notes).anyMatch(note -> note.contains("no user_profile_userprofile row"));
    }

    private static ShadowTeam team(long id, String name, String slug) {
        return new ShadowTeam(id, name, slug, "valorant", "NA", "", null, null, null, true, T0);
    }

    private static ShadowMember member(
            long id, long userId, Long profileId, String role, String status, OffsetDateTime joined) {
        return new ShadowMember(
                id,
                userId,
                profileId,
                role,
                status,
                null,
                "",
                false,
                joined,
                "INACTIVE".equals(status) ? joined.plusHours(1) : null);
    }
}
