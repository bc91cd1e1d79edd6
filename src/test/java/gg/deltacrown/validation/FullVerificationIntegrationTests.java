package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.DualWrite;
import gg.deltacrown.migration.ShadowChange;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import gg.deltacrown.validation.ValidationReport.FullVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The full verification on crafted data: shadows written by the real shadow writer (strict mode,
 * so they are there when the write returns), then one drift of each kind written behind the
 * service's back, each on its own pair, with a report whose sample reaches none of them.
 */
@IntegrationTest
class FullVerificationIntegrationTests {

    @Autowired
    VnextWrites vnext;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DualWrite dualWrite;

    @Autowired
    ValidationReports reports;

    @Autowired
    FullVerifications full;

    @TempDir
    Path directory;

    private final Map<String, VnextWrites.Team> teams = new LinkedHashMap<>();
    private final Map<String, Account> owners = new LinkedHashMap<>();

    @BeforeEach
    void everyTeamHasTheShadowTheWriterMade() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "full verification");
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "shadows written inline");
        for (DriftKind kind : DriftKind.values()) {
            team(kind.id());
        }
        team("clean");
        orgTeamWithPromotedOwner();
        Account quitter = vnext.user("quitter");
        VnextWrites.Team rejoined = teams.get("clean");
        long first = vnext.addMember(rejoined, owners.get("clean"), quitter, "PLAYER", true);
        vnext.removeMember(rejoined, owners.get("clean"), first);
        vnext.addMember(rejoined, owners.get("clean"), quitter, "SUBSTITUTE", true);
        // A member whose user has no profile cannot be mirrored (strict mode would refuse it).
        jdbc.update("""
                INSERT INTO organizations_membership (team_id, user_id, status, role, player_role,
                    is_tournament_captain, joined_at, left_reason)
                VALUES (?, ?, 'ACTIVE', 'PLAYER', '', false, now(), '')""", rejoined.id(), vnext.userWithoutProfile("ghost").id());
    }

    @Test
    void findsNothingWhereTheWriterWroteEverything() {
        FullVerification result = full.run(20, DriftSink.NONE);

        assertThat(result.driftedPairs()).isZero();
        assertThat(result.driftPairs())
                .hasSize(DriftKind.values().length)
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isZero());
        assertThat(result.driftMemberships().values()).containsOnly(0L);
        assertThat(result.samples()).isEmpty();
        assertThat(result.comparedPairs()).isEqualTo(teams.size());
        assertThat(result.legacyTeams()).isEqualTo(teams.size());
        assertThat(result.vnextMemberships()).isEqualTo(count("organizations_membership"));
        assertThat(result.legacyMemberships()).isEqualTo(count("teams_teammembership"));
        assertThat(result.membershipsWithoutProfile())
                .as("the member without a profile cannot be mirrored, and is not drift")
                .isEqualTo(1);
        assertThatThrownBy(() -> reports.generate(new ReportRequest(10, 1, null), new FullRequest(5, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ValidationReports.FULL_WITHOUT_FILTERS);
        assertThatThrownBy(() -> new FullRequest(-1, null)).hasMessageContaining("--drift-samples");
    }

    @Test
    void findsEveryKindOfDriftWrittenBehindTheServicesBack() throws Exception {
        List<DriftItem> expected = new ArrayList<>();
        for (DriftKind kind : DriftKind.values()) {
            VnextWrites.Team team = teams.get(kind.id());
            long legacy = legacyId(team.id());
            drift(kind, team, legacy);
            expected.add(new DriftItem(kind, team.id(), legacy));
        }
        VnextWrites.Team unmapped = unmappedTeam();
        expected.add(new DriftItem(DriftKind.MISSING_SHADOW, unmapped.id(), null));
        Path ids = directory.resolve("drift.ids");

        ValidationReport report;
        try (DriftIdsFile file = DriftIdsFile.create(ids)) {
            report = reports.generate(ReportRequest.unfiltered(0), new FullRequest(100, file));
            file.finish();
        }

        assertThat(report.consistency().sampledTeams())
                .as("the sample reaches none of them")
                .isZero();
        FullVerification result = report.fullVerification();
        Map<String, Long> expectedCounts = new LinkedHashMap<>();
        for (DriftKind kind : DriftKind.values()) {
            expectedCounts.put(kind.id(), kind == DriftKind.MISSING_SHADOW ? 2L : 1L);
        }
        assertThat(result.driftPairs()).containsExactlyEntriesOf(expectedCounts);
        assertThat(result.driftedPairs()).isEqualTo(DriftKind.values().length + 1);
        assertThat(DriftIdsFile.read(ids)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readAllLines(ids)).first().isEqualTo(DriftIdsFile.HEADER);
        assertThat(result.samples())
                .extracting(ValidationReport.DriftSample::kind)
                .hasSize(expected.size());
        assertThat(report.recommendations()).anyMatch(line -> line.contains("differ from their vNext source"));
        assertThat(ReportText.render(report)).contains("FULL VERIFICATION", "  membership_role: 1");
    }

    @Test
    void findsAMissingOwnerPromotion() {
        long legacyTeam = legacyId(teams.get("org").id());
        behindTheBack("""
                UPDATE teams_teammembership SET role = 'MANAGER', role_metadata = '{}'
                 WHERE team_id = ? AND role = 'OWNER'""", legacyTeam);

        FullVerification result = full.run(5, DriftSink.NONE);

        assertThat(result.driftPairs()).containsEntry("membership_role", 1L);
        assertThat(result.driftedPairs()).isEqualTo(1);
        assertThat(result.samples())
                .containsExactly(new ValidationReport.DriftSample(
                        "membership_role", teams.get("org").id(), legacyTeam));
    }

    /** One write another app could make, with the legacy write guard opened for it. */
    private void drift(DriftKind kind, VnextWrites.Team team, long legacy) {
        long owner = owners.get(kind.id()).id();
        switch (kind) {
            case MISSING_SHADOW -> {
                behindTheBack("DELETE FROM teams_teammembership WHERE team_id = ?", legacy);
                behindTheBack("DELETE FROM teams_team WHERE id = ?", legacy);
            }
            case MISSING_VNEXT -> {
                jdbc.update("DELETE FROM organizations_membership WHERE team_id = ?", team.id());
                jdbc.update("DELETE FROM organizations_team WHERE id = ?", team.id());
            }
            case NAME -> behindTheBack("UPDATE teams_team SET name = name || ' (edited)' WHERE id = ?", legacy);
            case SLUG -> behindTheBack("UPDATE teams_team SET slug = slug || '-x' WHERE id = ?", legacy);
            case GAME -> behindTheBack("UPDATE teams_team SET game = 'dota2' WHERE id = ?", legacy);
            case REGION -> behindTheBack("UPDATE teams_team SET region = 'OCE' WHERE id = ?", legacy);
            case DESCRIPTION -> behindTheBack("UPDATE teams_team SET description = 'hello' WHERE id = ?", legacy);
            case LOGO -> behindTheBack("UPDATE teams_team SET logo = 'team_logos/x.png' WHERE id = ?", legacy);
            case BANNER -> behindTheBack("UPDATE teams_team SET banner_image = 'banners/x.png' WHERE id = ?", legacy);
            case LOGO_URL ->
                behindTheBack("UPDATE teams_team SET logo_url = 'https://x.invalid/l.png' WHERE id = ?", legacy);
            case ACTIVE -> behindTheBack("UPDATE teams_team SET is_public = false WHERE id = ?", legacy);
            case RANKING -> behindTheBack("""
                    INSERT INTO teams_ranking_breakdown (team_id, tournament_participation_points,
                        tournament_winner_points, tournament_runner_up_points, tournament_top_4_points,
                        member_count_points, team_age_points, achievement_points, manual_adjustment_points,
                        calculated_total, final_total, last_calculated)
                    VALUES (?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now())""", legacy);
            case MEMBERSHIP_MISSING ->
                behindTheBack("DELETE FROM teams_teammembership WHERE team_id = ? AND role <> 'OWNER'", legacy);
            case MEMBERSHIP_EXTRA ->
                behindTheBack("""
                    INSERT INTO teams_teammembership (team_id, profile_id, role, role_metadata, is_role_custom,
                        role_tier, status, joined_at, roster_slot, player_role, is_captain,
                        can_register_tournaments, can_withdraw_tournaments, can_submit_match_results,
                        can_invite_members, can_remove_members, can_manage_roles, can_manage_permissions,
                        can_edit_team_profile, can_edit_team_settings, can_manage_social_links, can_create_posts,
                        can_manage_posts, can_manage_announcements, can_manage_finances, can_view_financial_reports,
                        can_schedule_practice, can_manage_schedule)
                    SELECT ?, p.id, 'PLAYER', '{}', false, 0, 'ACTIVE', now(), NULL, '', false,
                           false, false, false, false, false, false, false, false, false, false, false,
                           false, false, false, false, false, false
                      FROM user_profile_userprofile p WHERE p.user_id = ?""", legacy, vnext.user("stranger").id());
            case MEMBERSHIP_ROLE -> member(legacy, "role = 'ANALYST'");
            case MEMBERSHIP_STATUS -> member(legacy, "status = 'PENDING'");
            case MEMBERSHIP_LEFT_AT -> member(legacy, "left_at = now()");
            case MEMBERSHIP_CAPTAIN -> member(legacy, "is_captain = true");
            case MEMBERSHIP_ROSTER_SLOT -> member(legacy, "roster_slot = 'BENCH'");
            case MEMBERSHIP_PLAYER_ROLE -> member(legacy, "player_role = 'IGL'");
            case MEMBERSHIP_PERMISSIONS ->
                behindTheBack(
                        "UPDATE teams_teammembership SET can_manage_finances = false WHERE team_id = ? AND user_id = ?",
                        legacy,
                        owner);
        }
    }

    /** Changes the legacy row of the team's PLAYER. */
    private void member(long legacy, String assignment) {
        behindTheBack(
                "UPDATE teams_teammembership SET " + assignment + " WHERE team_id = ? AND role = 'PLAYER'", legacy);
    }

    private void team(String name) {
        Account owner = vnext.user("owner-" + name);
        VnextWrites.Team team = vnext.createTeam(owner, "Full " + name, 1, "NA");
        vnext.addMember(team, owner, vnext.user("player-" + name), "PLAYER", true);
        vnext.addMember(team, owner, vnext.user("coach-" + name), "COACH", true);
        vnext.addMember(team, owner, vnext.user("invited-" + name), "SCOUT", false);
        teams.put(name, team);
        owners.put(name, owner);
    }

    private void orgTeamWithPromotedOwner() {
        Account ceo = vnext.user("ceo");
        long teamId = transactions.execute(status -> {
            long org = jdbc.queryForObject("""
                    INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, description, website,
                        twitter, revenue_split_config, enforce_brand, created_at, updated_at)
                    VALUES ('Full Org', 'full-org', ?, false, '', '', '', '{}', false, now(), now()) RETURNING id""", Long.class, ceo.id());
            long team = jdbc.queryForObject("""
                    INSERT INTO organizations_team (name, slug, organization_id, owner_id, game_id, region, status,
                        description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                        is_temporary, created_at, updated_at)
                    VALUES ('Full Org Team', 'full-org-team', ?, NULL, 2, 'EU', 'ACTIVE', '', '', '', '', false,
                            now(), now()) RETURNING id""", Long.class, org);
            for (String role : List.of("MANAGER", "PLAYER")) {
                jdbc.update("""
                        INSERT INTO organizations_membership (team_id, user_id, status, role, player_role,
                            is_tournament_captain, joined_at, left_reason)
                        VALUES (?, ?, 'ACTIVE', ?, '', false, now(), '')""", team, vnext.user("org-" + role).id(), role);
            }
            dualWrite.record(ShadowChange.teamCreated(team, ceo.id(), "full-org-team"));
            return team;
        });
        teams.put("org", new VnextWrites.Team(teamId, "full-org-team", 0));
    }

    /** A vNext team created while dual-write was off: it has no map row and no shadow. */
    private VnextWrites.Team unmappedTeam() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "false", FlagSource.RUNTIME, "test", "no shadow");
        flags.change(Flag.DUAL_WRITE_ENABLED, "false", FlagSource.RUNTIME, "test", "no shadow");
        return vnext.createTeam(vnext.user("owner-unmapped"), "Full unmapped", 1, "NA");
    }

    private void behindTheBack(String sql, Object... args) {
        transactions.executeWithoutResult(status -> {
            // Past the guard as only the shadow writer gets: a write the dispatcher did not make.
            jdbc.queryForMap(
                    "SELECT set_config('role', ?, true), set_config('deltacrown.legacy_write_bypass',"
                            + " 'another_app', true)",
                    DatabaseRoles.SHADOW_WRITER);
            jdbc.update(sql, args);
        });
    }

    private long legacyId(long vnextTeamId) {
        return jdbc.queryForObject(
                "SELECT legacy_team_id FROM organizations_migration_map WHERE vnext_team_id = ?",
                Long.class,
                vnextTeamId);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
