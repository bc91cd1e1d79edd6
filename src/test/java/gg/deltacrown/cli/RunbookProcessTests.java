package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.ServiceProcess.Streams;
import gg.deltacrown.validation.MigrationFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staging runbook's Phases 1 and 4 end to end, every command a separate process as the
 * operator runs it: baseline report redirected to a file, dual-write on, the five test flows (their
 * rows written as the dual-write writes them), report after, then the delta analysis with the
 * documented arguments (the reports already sit where the tool would copy them).
 */
class RunbookProcessTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path artifacts;

    @Test
    void producesTheRunbooksArtifactsWithTheDeltaOfTheFiveFlows() throws Exception {
        CliDatabase database = CliDatabase.migrated("runbook");
        Streams seeded = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "seed_scale",
                "--teams",
                "3",
                "--legacy-only-teams",
                "2",
                "--members-per-team",
                "3",
                "--users",
                "10");
        assertThat(seeded.exitCode()).as(seeded.stderr()).isZero();
        assertThat(seeded.stdout())
                .contains("  coverage.legacy_team_count=5\n", "  coverage.unmapped_legacy_count=2\n");
        assertThat(seeded.stderr()).contains("seed_scale 100%");

        // Phase 1: python manage.py vnext_validation_report --format=json --sample-size=100 > validation_before.json
        Path before = artifacts.resolve("baseline/validation_before.json");
        Files.createDirectories(before.getParent());
        Files.writeString(before, report(database));

        // Phase 2 and 3: dual-write on, then the five flows.
        database.flag("TEAM_VNEXT_DUAL_WRITE_ENABLED", "true");
        runTheFiveFlows(database.fixture());

        // Phase 4.1: the after report, and 4.3: the delta analysis.
        Path after = artifacts.resolve("after/validation_after.json");
        Files.createDirectories(after.getParent());
        Files.writeString(after, report(database));
        Streams delta = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "staging_validation_test",
                "--env=local",
                "--out-dir=" + artifacts,
                "--before=" + before,
                "--after=" + after);

        assertThat(delta.exitCode()).as(delta.stdout() + delta.stderr()).isZero();
        assertThat(Files.readString(artifacts.resolve("delta.json"))).isEqualTo("""
                {
                  "legacy_teams": 1,
                  "vnext_teams": 1,
                  "mapped_teams": 1,
                  "coverage_pct": 6.67,
                  "unmapped_legacy": 0,
                  "total_mappings": 1,
                  "duplicate_legacy": 0,
                  "duplicate_vnext": 0,
                  "orphan_mappings": 0
                }""");
        assertThat(Files.readString(artifacts.resolve("delta.md")))
                .contains(
                        "- vNext Teams: **+1**  \n",
                        "- Mapped Teams: **+1**  \n",
                        "- Coverage %: **+6.67%**  \n",
                        "- Unmapped Legacy: **+0**  \n");
        String summary = Files.readString(artifacts.resolve("SUMMARY.md"));
        assertThat(summary)
                .contains(
                        "**Environment:** local  \n",
                        "**Dual-Write Enabled:** true  \n",
                        "**Strict Mode:** false  \n",
                        "- vNext Teams Created: **1**  \n",
                        "- Legacy Shadow Rows Created: **1**  \n",
                        "- Recent vNext Teams (24h): **1**  \n",
                        "- Missing Legacy Count: **0**  \n",
                        "- Severity: **OK**  \n",
                        "✅ **GO** - Dual-write functioning correctly",
                        "- Artifact Directory: " + artifacts + "\n");
        try (var files = Files.list(artifacts)) {
            Path detailed = files.filter(
                            file -> file.getFileName().toString().matches("staging_test_summary_\\d{8}_\\d{6}\\.md"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(detailed))
                    .contains(
                            "- **Legacy Write Blocked:** `true`  \n",
                            "### Before Testing\n\n- Legacy Teams: 5  \n- vNext Teams: 3  \n- Mapped Teams: 3  \n- Coverage: 60.00%",
                            "### After Testing\n\n- Legacy Teams: 6  \n- vNext Teams: 4  \n- Mapped Teams: 4  \n- Coverage: 66.67%");
        }
        assertThat(artifacts.resolve("logs")).isDirectory();
        assertThat(delta.stdout()).contains("✅ Dual-write health section NOW PRESENT (dual-write enabled)");

        JsonNode afterReport = JSON.readTree(Files.readString(after));
        assertThat(afterReport
                        .get("shadow_health")
                        .get("memberships")
                        .get("checked_memberships")
                        .asLong())
                .isEqualTo(11);
        assertThat(afterReport
                        .get("shadow_health")
                        .get("memberships")
                        .get("missing_count")
                        .asLong())
                .isZero();
        assertThat(afterReport
                        .get("shadow_health")
                        .get("memberships")
                        .get("differing_count")
                        .asLong())
                .isZero();
        assertThat(afterReport
                        .get("shadow_health")
                        .get("legacy_writes_while_blocked")
                        .get("count")
                        .asLong())
                .isZero();
    }

    private static String report(CliDatabase database) {
        Streams report = ServiceProcess.runSeparately(
                database.environment(),
                CliDatabase.CLI,
                "vnext_validation_report",
                "--format=json",
                "--sample-size=100");
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        return report.stdout();
    }

    /** Flows 1-5 of Phase 3, with the rows the dual-write leaves on both sides and its outbox entries. */
    private static void runTheFiveFlows(MigrationFixture fixture) {
        long owner = fixture.user("testuser");
        long member = fixture.user("testmember");
        // Flow 1: independent team creation (vNext team + OWNER membership, legacy shadow, verified map row).
        long team = fixture.vnextTeam("Staging Test Team Alpha")
                .owner(owner)
                .createdAt(OffsetDateTime.now())
                .create();
        fixture.vnextMember(team, owner, "OWNER", "ACTIVE");
        long legacy = fixture.legacyTeam("Staging Test Team Alpha").create();
        fixture.legacyMember(legacy, owner, "OWNER", "ACTIVE");
        fixture.map(legacy, team, true);
        fixture.synced(team, null, "sync_team_created");
        // Flow 2: add a member.
        long membership = fixture.vnextMember(team, member, "PLAYER", "ACTIVE");
        fixture.legacyMember(legacy, member, "PLAYER", "ACTIVE");
        fixture.synced(team, membership, "sync_team_member_added");
        // Flow 3: change the member's role.
        fixture.execute("UPDATE organizations_membership SET role = 'SUBSTITUTE' WHERE id = ?", membership);
        fixture.shadowWrite(
                "UPDATE teams_teammembership SET role = 'SUBSTITUTE' WHERE team_id = ? AND user_id = ?",
                legacy,
                member);
        fixture.synced(team, membership, "sync_team_member_updated");
        // Flow 4: team settings.
        fixture.execute(
                "UPDATE organizations_team SET region = 'EU', description = 'Updated via dual-write test'"
                        + " WHERE id = ?",
                team);
        fixture.shadowWrite(
                "UPDATE teams_team SET region = 'EU', description = 'Updated via dual-write test'" + " WHERE id = ?",
                legacy);
        fixture.synced(team, null, "sync_team_settings_updated");
        // Flow 5: remove the member (vNext soft delete; legacy REMOVED).
        fixture.execute(
                "UPDATE organizations_membership SET status = 'INACTIVE', left_at = now(),"
                        + " left_reason = 'Removed by manager' WHERE id = ?",
                membership);
        fixture.shadowWrite(
                "UPDATE teams_teammembership SET status = 'REMOVED', left_at = now()"
                        + " WHERE team_id = ? AND user_id = ?",
                legacy,
                member);
        fixture.synced(team, membership, "sync_team_member_removed");
    }
}
