package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.NewLegacyTeam;
import gg.deltacrown.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The schema the migrations create on an empty database (docs/adr/0002-schema-on-existing-database.md). */
@IntegrationTest
class SchemaIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LegacyTeams legacyTeams;

    @Test
    void createsEveryDeltaCrownTable() {
        List<String> tables =
                jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", String.class);

        assertThat(tables).containsAll(SchemaMigration.DJANGO_TABLES);
    }

    @Test
    void keepsTheMapIdColumnsIntegerAsDjangoDeclaredThem() {
        assertThat(columnType("organizations_migration_map", "legacy_team_id")).isEqualTo("integer");
        assertThat(columnType("organizations_migration_map", "vnext_team_id")).isEqualTo("integer");
        assertThat(columnType("organizations_team", "id")).isEqualTo("bigint");
        assertThat(columnType("teams_team", "slug")).isEqualTo("character varying(64)");
        assertThat(columnType("teams_team", "region")).isEqualTo("character varying(48)");
    }

    @Test
    void hasThePartialUniqueIndexesWithTheirDjangoNames() {
        assertThat(indexDefinition("one_independent_team_per_game"))
                .contains(
                        "UNIQUE INDEX",
                        "(owner_id, game_id)",
                        "WHERE ((owner_id IS NOT NULL) AND ((status)::text = 'ACTIVE'::text))");
        assertThat(indexDefinition("one_active_membership_per_user_team"))
                .contains("UNIQUE", "WHERE ((status)::text = 'ACTIVE'::text)");
        assertThat(indexDefinition("uniq_team_slug_per_game"))
                .contains("UNIQUE", "(game, slug)", "WHERE (NOT ((slug)::text = ''::text))");
        assertThat(indexDefinition("uq_one_active_owner_per_team")).contains("UNIQUE", "'OWNER'");
    }

    @Test
    void declaresForeignKeysDeferrableInitiallyDeferredWithoutOnDeleteActions() {
        List<Map<String, Object>> keys = jdbc.queryForList("""
                SELECT conname, condeferrable, condeferred, confdeltype
                  FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
                """);

        assertThat(keys).hasSizeGreaterThan(10).allSatisfy(key -> {
            assertThat(key.get("condeferrable"))
                    .as("%s deferrable", key.get("conname"))
                    .isEqualTo(true);
            assertThat(key.get("condeferred"))
                    .as("%s deferred", key.get("conname"))
                    .isEqualTo(true);
            assertThat(key.get("confdeltype"))
                    .as("%s on delete", key.get("conname"))
                    .isEqualTo("a");
        });
    }

    @Test
    void refusesATeamWithBothOrNeitherOwnerAndOrganization() {
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO organizations_team (name, slug, game_id, region, status, description, preferred_server,
                    emergency_contact_discord, emergency_contact_phone, is_temporary, created_at, updated_at)
                VALUES ('x', 'x', 1, '', 'ACTIVE', '', '', '', '', false, now(), now())
                """)).hasMessageContaining("team_has_organization_xor_owner");
    }

    @Test
    void runsTheRunbookAppendixBAndStep4QueriesUnchanged() {
        // The runbook's coverage query divides by the number of legacy teams: give it one.
        transactions.executeWithoutResult(status -> {
            legacyTeams.insertTeam(
                    LegacyWriteReason.TEST_FIXTURE,
                    new NewLegacyTeam("Legacy One", "LG1", "legacy-one", "valorant", "NA", "", null, null, null, true),
                    OffsetDateTime.now());
        });
        for (String sql : RunbookSql.APPENDIX_B) {
            jdbc.queryForList(sql);
        }
        assertThat(jdbc.queryForList(RunbookSql.STEP_4_JOIN)).isEmpty();
        jdbc.queryForList(RunbookSql.FLOW_2_LEGACY_MEMBERSHIP);
        jdbc.queryForList(RunbookSql.FLOW_4_SETTINGS);
    }

    @Test
    void letsTheRunbookDeleteThroughTheCompatibilityViews() {
        jdbc.update("""
                INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                    migrated_by_id, verified, verification_notes)
                VALUES (1, 2, 'x', now(), NULL, false, '')
                """);

        assertThat(jdbc.queryForObject(
                        "SELECT created_at = migration_date AND updated_at = migration_date FROM organizations_teammigrationmap",
                        Boolean.class))
                .isTrue();
        assertThat(jdbc.update("DELETE FROM organizations_teammigrationmap WHERE vnext_team_id = 2"))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_migration_map", Long.class))
                .isZero();
    }

    private String columnType(String table, String column) {
        return jdbc.queryForObject(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ?::regclass AND attname = ?",
                String.class,
                table,
                column);
    }

    private String indexDefinition(String index) {
        return jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class, index);
    }
}
