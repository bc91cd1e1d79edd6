package gg.deltacrown.migration.backfill;

import gg.deltacrown.validation.MigrationFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Legacy teams as a live DeltaCrown database has them, conflicts included, for the backfill tests. */
final class LegacyData {

    private static final List<String> TABLES = List.of(
            "teams_team",
            "teams_teammembership",
            "teams_ranking_breakdown",
            "organizations_team",
            "organizations_membership",
            "organizations_ranking",
            "organizations_migration_map",
            "organizations_organization",
            "organizations_org_membership",
            "organizations_backfill_run",
            "organizations_backfill_conflict",
            "organizations_legacy_write_audit");

    private final MigrationFixture fixture;
    private final JdbcTemplate owner;
    private int users;

    LegacyData(MigrationFixture fixture, JdbcTemplate owner) {
        this.fixture = fixture;
        this.owner = owner;
    }

    /** A legacy team of one game and region with an ACTIVE OWNER of its own; returns its id. */
    long team(String name, String slug, String game, long ownerUserId) {
        long team = fixture.legacyTeam(name).slug(slug).game(game).create();
        fixture.legacyMember(team, ownerUserId, "OWNER", "ACTIVE");
        return team;
    }

    long user() {
        return fixture.user("legacy-user-" + ++users);
    }

    /** Twelve legacy teams: one plain, the others each with a conflict the backfill must resolve. */
    BackfillIntegrationTests.Conflicted everyConflictKind() {
        List<Long> all = new ArrayList<>();

        long plain = team("Plain Team", "plain-team", "valorant", user());
        fixture.legacyMember(plain, user(), "PLAYER", "ACTIVE");
        fixture.legacyMember(plain, user(), "HEAD_COACH", "ACTIVE");
        fixture.legacyMember(plain, user(), "PLAYER", "PENDING");
        long left = fixture.legacyMember(plain, user(), "SUBSTITUTE", "REMOVED");
        fixture.shadowWrite("UPDATE teams_teammembership SET left_at = now() - interval '3 days' WHERE id = ?", left);
        all.add(plain);

        fixture.vnextTeam("Existing vNext Team").slug("taken-slug").create();
        long slugTaken = team("Taken Slug", "taken-slug", "valorant", user());
        long emptySlug = team("Empty Slug Team", "", "valorant", user());
        all.addAll(List.of(slugTaken, emptySlug));

        long conflictOwner = user();
        fixture.vnextTeam("Own vNext Team").owner(conflictOwner).game(1).create();
        long ownerConflict = team("Owner Conflict", "owner-conflict", "valorant", conflictOwner);
        long twoTeamsOwner = user();
        long firstOfTwo = team("First Of Two", "first-of-two", "cs2", twoTeamsOwner);
        long secondOfTwo = team("Second Of Two", "second-of-two", "cs2", twoTeamsOwner);
        all.addAll(List.of(ownerConflict, firstOfTwo, secondOfTwo));

        long lostMember = team("Lost Member", "lost-member", "dota2", user());
        long lost = user();
        fixture.legacyMember(lostMember, lost, "PLAYER", "ACTIVE");
        deleteAccountKeepingItsProfile(lost);
        all.add(lostMember);

        long unknownGame = team("Overwatch Team", "overwatch-team", "overwatch", user());
        long noGame = team("Gameless Team", "gameless-team", "", user());
        all.addAll(List.of(unknownGame, noGame));

        long promotedOwnerTeam = fixture.legacyTeam("No Owner").slug("no-owner").create();
        fixture.legacyMember(promotedOwnerTeam, user(), "PLAYER", "ACTIVE");
        long promotedOwner = user();
        fixture.legacyMember(promotedOwnerTeam, promotedOwner, "MANAGER", "ACTIVE");
        all.add(promotedOwnerTeam);

        long generalManagerTeam = team("GM Team", "gm-team", "pubg", user());
        long generalManager = user();
        fixture.legacyMember(generalManagerTeam, generalManager, "GENERAL_MANAGER", "ACTIVE");
        all.add(generalManagerTeam);

        long ranked = team("Ranked Team", "ranked-team", "mlbb", user());
        fixture.legacyRanking(ranked);
        all.add(ranked);

        return new BackfillIntegrationTests.Conflicted(
                all.size(),
                slugTaken,
                emptySlug,
                secondOfTwo,
                twoTeamsOwner,
                unknownGame,
                promotedOwnerTeam,
                promotedOwner,
                generalManagerTeam,
                generalManager,
                ranked,
                all);
    }

    /**
     * Legacy rows at the edges of what the shadow writer maps: the longest values, a tag the
     * writer would not make, a captain flag on a member who left, a left date on an ACTIVE member,
     * deprecated roles, an unknown status, logo, banner, logo URL and tagline.
     */
    List<Long> edges() {
        List<Long> teams = new ArrayList<>();
        long longest = team("N".repeat(100), "s".repeat(64), "valorant", user());
        fixture.shadowWrite(
                "UPDATE teams_team SET region = ?, description = ?, logo = ?, banner_image = ?, logo_url = ?,"
                        + " tagline = 'Always first', tag = 'low-er_x' WHERE id = ?",
                "R".repeat(48),
                "A description\nwith two lines",
                "team_logos/7/logo.png",
                "team_banners/7/banner.png",
                "https://cdn.example.com/" + "x".repeat(470),
                longest);
        long slotted = fixture.legacyMember(longest, user(), "PLAYER", "ACTIVE");
        fixture.shadowWrite(
                "UPDATE teams_teammembership SET roster_slot = 'STARTER', player_role = ?, is_captain = true WHERE id = ?",
                "P".repeat(50),
                slotted);
        teams.add(longest);

        long oddRows = team("Odd Rows", "odd-rows", "cs2", user());
        long leftCaptain = fixture.legacyMember(oddRows, user(), "PLAYER", "REMOVED");
        fixture.shadowWrite(
                "UPDATE teams_teammembership SET is_captain = true, left_at = NULL WHERE id = ?", leftCaptain);
        long activeWithLeftAt = fixture.legacyMember(oddRows, user(), "SUBSTITUTE", "ACTIVE");
        fixture.shadowWrite("UPDATE teams_teammembership SET left_at = now() WHERE id = ?", activeWithLeftAt);
        teams.add(oddRows);

        long deprecated = team("Deprecated Roles", "deprecated-roles", "dota2", user());
        for (String role : List.of("CAPTAIN", "SUB", "COACH", "CONTENT_CREATOR", "ASSISTANT_COACH")) {
            fixture.legacyMember(deprecated, user(), role, "ACTIVE");
        }
        long banned = fixture.legacyMember(deprecated, user(), "PLAYER", "ACTIVE");
        fixture.shadowWrite("UPDATE teams_teammembership SET status = 'BANNED' WHERE id = ?", banned);
        teams.add(deprecated);
        return teams;
    }

    /**
     * Every value column the shadow writer owns, per legacy team (its bookkeeping in
     * {@code role_metadata} and the timestamps it sets aside).
     */
    Map<Long, String> legacyValues() {
        Map<Long, String> values = new LinkedHashMap<>();
        owner.query("""
                SELECT t.id, concat_ws('|', t.name, t.tag, t.slug, t.game, t.region, t.description, t.logo,
                           t.banner_image, t.logo_url, t.is_active, t.is_public,
                           (SELECT string_agg(concat_ws(',', m.profile_id, m.role, m.status, m.roster_slot, m.player_role,
                                                        m.is_captain, m.joined_at, m.left_at, m.can_manage_roles,
                                                        m.can_create_posts), ';' ORDER BY m.profile_id)
                              FROM teams_teammembership m WHERE m.team_id = t.id)) AS v
                  FROM teams_team t ORDER BY t.id
                """, rs -> {
            values.put(rs.getLong("id"), rs.getString("v"));
        });
        return values;
    }

    /**
     * A profile whose account is gone: possible on a real database whose foreign keys were not
     * checked (a restore with triggers disabled), impossible through Django's ORM.
     */
    void deleteAccountKeepingItsProfile(long userId) {
        owner.execute("""
                DO $$ BEGIN
                  SET LOCAL session_replication_role = replica;
                  DELETE FROM accounts_user WHERE id = %d;
                END $$""".formatted(userId));
    }

    /** Every row of the tables a backfill could touch (as hashes) and the sequences. */
    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String table : TABLES) {
            snapshot.put(
                    table,
                    owner.queryForObject(
                            "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                                    + " FROM " + table + " t",
                            String.class));
        }
        owner.queryForList("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
                .forEach(row -> snapshot.put(String.valueOf(row.get("sequencename")), row.get("last_value")));
        return snapshot;
    }
}
