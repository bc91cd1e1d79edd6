package gg.deltacrown.migration.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import gg.deltacrown.validation.MigrationFixture;
import gg.deltacrown.validation.MigrationFixture.Pair;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code repair} finds each kind of drift the full verification finds, fixes it through the shadow writer, and the report then finds none. */
@IntegrationTest
class RepairIntegrationTests {

    @Autowired
    Repair repair;

    @Autowired
    ValidationReports reports;

    @Autowired
    DataSource dataSource;

    @Autowired
    VnextWrites writes;

    @Autowired
    Flags flags;

    JdbcTemplate jdbc;
    MigrationFixture fixture;

    @BeforeEach
    void fixture() {
        jdbc = new JdbcTemplate(dataSource);
        fixture = new MigrationFixture(dataSource);
    }

    /** One pair per kind of drift, each made behind the service's back. */
    record Drifted(
            Pair name,
            Pair slug,
            Pair missingMember,
            Pair role,
            Pair ranking,
            Pair unverified,
            Pair legacyGone,
            long recentTeam,
            Pair blocked,
            long blockedRow) {}

    Drifted everyDriftKind() {
        Pair name = pairWithMembers("Name Drift");
        fixture.shadowWrite("UPDATE teams_team SET name = 'Renamed In Legacy' WHERE id = ?", name.legacyTeamId());
        Pair slug = pairWithMembers("Slug Drift");
        fixture.shadowWrite("UPDATE teams_team SET slug = 'changed-in-legacy' WHERE id = ?", slug.legacyTeamId());
        Pair missingMember = pairWithMembers("Missing Member");
        fixture.shadowWrite(
                "DELETE FROM teams_teammembership WHERE team_id = ? AND role = 'PLAYER'", missingMember.legacyTeamId());
        Pair role = pairWithMembers("Role Drift");
        fixture.shadowWrite(
                "UPDATE teams_teammembership SET role = 'CONTENT_CREATOR' WHERE team_id = ? AND role = 'PLAYER'",
                role.legacyTeamId());
        Pair ranking = pairWithMembers("Ranking Drift");
        fixture.vnextRanking(ranking.vnextTeamId());
        Pair unverified = pairWithMembers("Unverified");
        fixture.execute("UPDATE organizations_migration_map SET verified = false WHERE id = ?", unverified.mapId());
        Pair legacyGone = pairWithMembers("Legacy Gone");
        fixture.shadowWrite("DELETE FROM teams_teammembership WHERE team_id = ?", legacyGone.legacyTeamId());
        fixture.shadowWrite("DELETE FROM teams_team WHERE id = ?", legacyGone.legacyTeamId());
        long recent = fixture.vnextTeam("Recent Without Shadow")
                .createdAt(OffsetDateTime.now())
                .create();
        fixture.vnextMember(recent, fixture.user("recent-member"), "PLAYER", "ACTIVE");
        Pair blocked = pairWithMembers("Blocked Outbox");
        long row = fixture.outbox(blocked.vnextTeamId(), "BLOCKED", OffsetDateTime.now(), "max_attempts");
        return new Drifted(name, slug, missingMember, role, ranking, unverified, legacyGone, recent, blocked, row);
    }

    private String legacyName(Pair pair) {
        return jdbc.queryForObject("SELECT name FROM teams_team WHERE id = ?", String.class, pair.legacyTeamId());
    }

    private Pair pairWithMembers(String name) {
        Pair pair = fixture.pair(name);
        fixture.member(pair, fixture.user(name + " owner"), "OWNER", "ACTIVE");
        fixture.member(pair, fixture.user(name + " player"), "PLAYER", "ACTIVE");
        fixture.member(pair, fixture.user(name + " coach"), "COACH", "ACTIVE");
        return pair;
    }

    @Test
    void fixesEveryKindOfDriftAndTheReportThenFindsNone() {
        Drifted drifted = everyDriftKind();
        long orphanLegacy = fixture.legacyTeam("Orphan Legacy").create();
        fixture.map(orphanLegacy, 999_002, true);

        RepairSummary summary = repair.run(new RepairOptions(false, null, null, 3), RepairProgress.NONE);

        assertThat(summary.before())
                .containsEntry("name", 1L)
                .containsEntry("slug", 1L)
                .containsEntry("membership_missing", 1L)
                .containsEntry("membership_role", 1L)
                .containsEntry("ranking", 1L)
                .containsEntry("unverified", 1L)
                .containsEntry("missing_shadow", 2L)
                .containsEntry("blocked_outbox", 1L);
        assertThat(summary.notRepairable())
                .as("a map row whose vNext team is gone: vNext has nothing to repair from")
                .containsOnly(Map.entry("missing_vnext", 1L));
        assertThat(summary.teams()).isEqualTo(9);
        assertThat(summary.verified()).isEqualTo(9);
        assertThat(summary.outboxCompleted()).isEqualTo(1);
        assertThat(summary.after()).isEmpty();

        ValidationReport report = reports.generate(ReportRequest.unfiltered(1000));
        assertThat(report.consistency().nameMismatchCount()).isZero();
        assertThat(report.consistency().slugMismatchCount()).isZero();
        assertThat(report.consistency().membershipCountMismatchCount()).isZero();
        assertThat(report.consistency().rankingMismatchCount()).isZero();
        assertThat(report.shadowHealth().memberships().missingCount()).isZero();
        assertThat(report.shadowHealth().memberships().differingCount()).isZero();
        assertThat(report.shadowHealth().outbox().blockedCount()).isZero();
        assertThat(report.mappingHealth().unverifiedMappingCount())
                .as("the orphan's map row only")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM organizations_dualwrite_outbox WHERE id = ?",
                        String.class,
                        drifted.blockedRow()))
                .isEqualTo("DONE");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_migration_map WHERE vnext_team_id = ?",
                        Long.class,
                        drifted.recentTeam()))
                .isEqualTo(1);
        assertThat(repair.run(new RepairOptions(true, null, null, 3), RepairProgress.NONE)
                        .before())
                .as("nothing left to find but the map row without its vNext team")
                .containsOnlyKeys("missing_vnext");
    }

    /**
     * {@code is_public} changed alone in legacy (the bench's drift database found 500 such pairs left
     * after a repair): the writer compared every column but that one, so it saw nothing to write.
     */
    @Test
    void fixesAnIsPublicThatDriftedAloneAndTheFullVerificationThenFindsNone() {
        Pair hidden = pairWithMembers("Hidden In Legacy");
        fixture.shadowWrite("UPDATE teams_team SET is_public = false WHERE id = ?", hidden.legacyTeamId());

        RepairSummary summary = repair.run(new RepairOptions(false, null, null, 3), RepairProgress.NONE);

        assertThat(summary.before()).containsEntry("active", 1L);
        assertThat(summary.after()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT is_public FROM teams_team WHERE id = ?", Boolean.class, hidden.legacyTeamId()))
                .isTrue();
    }

    @Test
    void twoWorkersFixEveryKindOfDriftAsOneDoes() {
        Drifted drifted = everyDriftKind();

        RepairSummary summary = repair.run(new RepairOptions(false, null, null, 1, 2), RepairProgress.NONE);

        assertThat(summary.batches()).isEqualTo(9);
        assertThat(summary.teams()).isEqualTo(9);
        assertThat(summary.verified()).isEqualTo(9);
        assertThat(summary.outboxCompleted()).isEqualTo(1);
        assertThat(summary.after()).isEmpty();
        assertThat(legacyName(drifted.name())).isEqualTo("Name Drift");
        assertThat(repair.run(new RepairOptions(true, null, null, 3), RepairProgress.NONE)
                        .before())
                .isEmpty();
    }

    /**
     * A repair writes what differs and nothing else: the memberships of a team whose name drifted
     * keep their row versions (their role_metadata holds no vNext links, as rows Django wrote or
     * backfill adopted), and a replay of a sync that is right writes no row at all, map row included.
     */
    @Test
    void writesOnlyTheRowsThatDifferAndAReplayOfARightSyncWritesNone() {
        Pair pair = pairWithMembers("Only What Differs");
        fixture.shadowWrite("UPDATE teams_team SET name = 'Renamed In Legacy' WHERE id = ?", pair.legacyTeamId());
        String members = "SELECT string_agg(xmin::text || ':' || role_metadata::text, ',' ORDER BY id)"
                + " FROM teams_teammembership WHERE team_id = ?";
        String membersBefore = jdbc.queryForObject(members, String.class, pair.legacyTeamId());

        RepairSummary repaired =
                repair.run(new RepairOptions(false, pair.vnextTeamId(), null, 500), RepairProgress.NONE);

        assertThat(repaired.before()).containsOnlyKeys("name");
        assertThat(repaired.after()).isEmpty();
        assertThat(jdbc.queryForObject(members, String.class, pair.legacyTeamId()))
                .as("memberships that were right, untouched")
                .isEqualTo(membersBefore);
        String rows = "SELECT (SELECT xmin::text FROM teams_team WHERE id = ?) || ' '"
                + " || (SELECT xmin::text FROM organizations_migration_map WHERE vnext_team_id = ?)";
        String rowsBefore = jdbc.queryForObject(rows, String.class, pair.legacyTeamId(), pair.vnextTeamId());

        RepairSummary replay = repair.run(new RepairOptions(false, pair.vnextTeamId(), null, 500), RepairProgress.NONE);

        assertThat(replay.verified()).isEqualTo(1);
        assertThat(jdbc.queryForObject(rows, String.class, pair.legacyTeamId(), pair.vnextTeamId()))
                .as("legacy team and map row of a replayed sync that was right: no new row version")
                .isEqualTo(rowsBefore);
        assertThat(jdbc.queryForObject(members, String.class, pair.legacyTeamId()))
                .isEqualTo(membersBefore);
    }

    @Test
    void aDryRunFindsTheDriftAndWritesNothing() {
        everyDriftKind();
        fixture.map(fixture.legacyTeam("Orphan Legacy").create(), 999_002, true);
        Map<String, Object> before = jdbc.queryForMap(SNAPSHOT);

        RepairSummary summary = repair.run(new RepairOptions(true, null, null, 3), RepairProgress.NONE);

        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.teams()).isEqualTo(9);
        assertThat(summary.beforeTotal()).isEqualTo(10);
        assertThat(jdbc.queryForMap(SNAPSHOT)).isEqualTo(before);
    }

    @Test
    void teamIdReplaysACompletedSync() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "replay");
        Account owner = writes.user("replay-owner");
        VnextWrites.Team team = writes.createTeam(owner, "Replayed Team", 1, "NA");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE vnext_team_id = ? AND status = 'DONE'",
                                Long.class,
                                team.id())
                        == 1);
        long legacyTeam = jdbc.queryForObject(
                "SELECT legacy_team_id FROM organizations_migration_map WHERE vnext_team_id = ?",
                Long.class,
                team.id());

        RepairSummary replay = repair.run(new RepairOptions(false, team.id(), null, 500), RepairProgress.NONE);
        assertThat(replay.before()).isEmpty();
        assertThat(replay.teams()).isEqualTo(1);
        assertThat(replay.verified()).isEqualTo(1);

        fixture.shadowWrite(
                "UPDATE teams_team SET name = 'Edited Behind Our Back', region = 'EU' WHERE id = ?", legacyTeam);
        fixture.shadowWrite("UPDATE teams_teammembership SET status = 'REMOVED' WHERE team_id = ?", legacyTeam);
        RepairSummary repaired = repair.run(new RepairOptions(false, team.id(), null, 500), RepairProgress.NONE);

        assertThat(repaired.before()).containsKeys("name", "region", "membership_status");
        assertThat(repaired.after()).isEmpty();
        assertThat(jdbc.queryForMap("SELECT name, region FROM teams_team WHERE id = ?", legacyTeam))
                .containsEntry("name", "Replayed Team")
                .containsEntry("region", "NA");
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM teams_teammembership WHERE team_id = ?", String.class, legacyTeam))
                .isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team WHERE name = 'Replayed Team'", Long.class))
                .as("the replay updated the shadow, it did not make a second one")
                .isEqualTo(1);
    }

    @Test
    void teamIdOfATeamThatDoesNotExistRepairsNothing() {
        RepairSummary summary = repair.run(new RepairOptions(false, 424242L, null, 500), RepairProgress.NONE);

        assertThat(summary.missingTeams()).containsExactly(424242L);
        assertThat(summary.teams()).isZero();
    }

    @Test
    void idsFileRepairsTheTeamsItListsAndReportsTheLinesItCannotUse(@TempDir Path dir) throws Exception {
        Drifted drifted = everyDriftKind();
        Path file = dir.resolve("drift.ids");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        DriftIds.HEADER,
                        "# written by a test",
                        "name " + drifted.name().vnextTeamId() + " "
                                + drifted.name().legacyTeamId(),
                        "membership_role " + drifted.role().vnextTeamId() + " "
                                + drifted.role().legacyTeamId(),
                        "membership_status " + drifted.role().vnextTeamId() + " "
                                + drifted.role().legacyTeamId(),
                        "unmapped_legacy - 77",
                        "name  12 13",
                        "Name 12 13",
                        "name 12",
                        ""),
                StandardCharsets.UTF_8);

        RepairSummary summary = repair.run(new RepairOptions(false, null, file, 500), RepairProgress.NONE);

        assertThat(summary.source()).isEqualTo("ids");
        assertThat(summary.teams()).isEqualTo(2);
        assertThat(summary.unusableLineCount()).isEqualTo(4);
        assertThat(summary.unusableLines()).extracting(DriftIds.Unusable::line).containsExactly(6, 7, 8, 9);
        assertThat(summary.after()).isEmpty();
        assertThat(legacyName(drifted.name())).isEqualTo("Name Drift");
        assertThat(jdbc.queryForObject(
                        "SELECT slug FROM teams_team WHERE id = ?",
                        String.class,
                        drifted.slug().legacyTeamId()))
                .as("a team the file does not list is left alone")
                .isEqualTo("changed-in-legacy");
    }

    @Test
    void refusesAFileThatIsNotADriftIdsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.txt");
        Files.writeString(file, "name 1 2\n");
        assertThatThrownBy(() -> repair.run(new RepairOptions(false, null, file, 500), RepairProgress.NONE))
                .isInstanceOf(DriftIds.UnreadableException.class)
                .hasMessageContaining("# deltacrown drift ids v1");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> repair.run(new RepairOptions(false, null, file, 500), RepairProgress.NONE))
                .isInstanceOf(DriftIds.UnreadableException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(
                        () -> repair.run(new RepairOptions(false, null, dir.resolve("none"), 500), RepairProgress.NONE))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> repair.run(new RepairOptions(false, 1L, file, 0), RepairProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--team-id and --ids")
                .hasMessageContaining("--batch-size");
        assertThatThrownBy(() -> repair.run(new RepairOptions(false, null, null, 500, 0), RepairProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--workers must be between 1 and " + RepairOptions.MAX_WORKERS);
    }

    private static final String SNAPSHOT = """
            SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM teams_team t) AS legacy_teams,
                   (SELECT md5(string_agg(m::text, '|' ORDER BY m.id)) FROM teams_teammembership m) AS legacy_members,
                   (SELECT md5(string_agg(r::text, '|' ORDER BY r.team_id)) FROM teams_ranking_breakdown r) AS rankings,
                   (SELECT md5(string_agg(m::text, '|' ORDER BY m.id)) FROM organizations_migration_map m) AS map,
                   (SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM organizations_dualwrite_outbox o) AS outbox
            """;
}
