package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.support.Catalog;
import gg.deltacrown.support.DjangoDatabase;
import gg.deltacrown.support.ProfileRows;
import gg.deltacrown.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database the service creates is the one Django creates: V1 on an empty database gives the
 * fixture's catalog object for object (columns in Django's order), and a database made by the first
 * V1 still starts and ends up with Django's schema (docs/adr/0023-drop-in-on-djangos-database.md).
 */
class DjangoSchemaIntegrationTests {

    /** Our additions to Django's tables (V2): documented in docs/adr/0002 and the README. */
    static final Map<String, String> ADDED_TO_DJANGO_TABLES = Map.of(
            "column organizations_team.branding", "jsonb NOT NULL DEFAULT '{}'::jsonb",
            "column teams_team.logo_url", "character varying(500)",
            "column teams_teammembership.user_id", "bigint",
            "index teams_teammembership.teams_teammembership_user_id_idx",
                    "CREATE INDEX teams_teammembership_user_id_idx ON public.teams_teammembership USING btree (user_id)");

    @Test
    void v1OnAnEmptyDatabaseCreatesDjangosTablesAsTheFixtureHasThem() {
        JdbcTemplate django = jdbc(DjangoDatabase.create("catalog"));
        DataSource empty = dataSource(TestDatabase.instance().newDatabase("v1_only"));
        flyway(empty).target("1").load().migrate();

        Map<String, String> fixture = Catalog.of(django, true);
        Map<String, String> created = Catalog.of(new JdbcTemplate(empty), true);
        created.remove("relation flyway_schema_history");
        created.keySet().removeIf(key -> Catalog.tableOf(key).equals("flyway_schema_history"));

        assertThat(created).as("V1's catalog, column positions included").isEqualTo(fixture);
        assertThat(fixture).as("the fixture has its 29 tables").hasSizeGreaterThan(700);
    }

    @Test
    void everyMigrationOnAnEmptyDatabaseAddsOnlyOurObjectsToDjangosTables() {
        Map<String, String> fixture = Catalog.of(jdbc(DjangoDatabase.create("catalog_all")), true);
        DataSource empty = dataSource(TestDatabase.instance().newDatabase("all_migrations"));
        new SchemaMigration(empty, "", false).migrate(flyway(empty).load());

        Map<String, String> created = Catalog.of(new JdbcTemplate(empty), true);

        assertThat(Catalog.objectsOf(created, fixture)).isEqualTo(fixture);
        assertThat(Catalog.addedToTablesOf(created, fixture))
                .containsExactlyInAnyOrderEntriesOf(ADDED_TO_DJANGO_TABLES);
    }

    @Test
    void theChecksumsSchemaMigrationKnowsAreFlywaysOwn() {
        DataSource current = dataSource(TestDatabase.instance().newDatabase("v1_checksum"));
        flyway(current).target("1").load().migrate();
        DataSource first = dataSource(TestDatabase.instance().newDatabase("first_v1_checksum"));
        firstV1(first);

        assertThat(v1Checksum(current)).isEqualTo(SchemaMigration.V1_CHECKSUM);
        assertThat(v1Checksum(first)).isEqualTo(SchemaMigration.FIRST_V1_CHECKSUM);
    }

    @Test
    void aDatabaseTheFirstV1MadeStartsAndEndsWithDjangosSchemaAndKeepsItsRows(@TempDir Path before) throws IOException {
        DataSource old = dataSource(TestDatabase.instance().newDatabase("first_v1_upgrade"));
        firstV1(old);
        // Then every other migration, later versions included (V9 and V12 were released before V7):
        // V7 arrives after them and still runs.
        for (Resource migration :
                new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql")) {
            String name = migration.getFilename();
            if (!name.startsWith("V1__") && !name.startsWith("V7__") && !name.startsWith("V7_")) {
                Files.writeString(before.resolve(name), migration.getContentAsString(StandardCharsets.UTF_8));
            }
        }
        Flyway.configure()
                .dataSource(old)
                .locations("filesystem:" + before)
                .validateOnMigrate(false)
                .load()
                .migrate();
        assertThat(new JdbcTemplate(old).queryForList("SELECT version FROM flyway_schema_history", String.class))
                .contains("12")
                .doesNotContain("7");
        JdbcTemplate jdbc = new JdbcTemplate(old);
        jdbc.execute("""
                INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                           is_active, date_joined, is_verified)
                VALUES ('x', false, 'Test.User', '', '', 'a@example.com', false, true, now(), false),
                       ('x', false, 'testuser', '', '', 'b@example.com', false, true, now(), false);
                INSERT INTO user_profile_userprofile (user_id, display_name, created_at, updated_at)
                SELECT id, username, now(), now() FROM accounts_user;
                INSERT INTO organizations_team (name, slug, owner_id, game_id, region, status, description,
                    preferred_server, emergency_contact_discord, emergency_contact_phone, is_temporary, created_at,
                    updated_at)
                SELECT 'Old Team', 'old-team', min(id), 1, 'NA', 'ACTIVE', '', '', '', '', false, now(), now()
                  FROM accounts_user;
                INSERT INTO organizations_activity_log (team_id, action_type, actor_id, actor_username, description,
                                                        metadata, "timestamp")
                SELECT id, 'CREATE', NULL, '', '', '{}', now() FROM organizations_team;
                """);

        new SchemaMigration(old, "", false).migrate(flyway(old).load());

        Map<String, String> fixture = Catalog.of(jdbc(DjangoDatabase.create("catalog_upgrade")), false);
        Map<String, String> upgraded = Catalog.of(jdbc, false);
        assertThat(Catalog.objectsOf(upgraded, fixture))
                .as("Django's schema, columns compared without their positions")
                .isEqualTo(fixture);
        assertThat(Catalog.addedToTablesOf(upgraded, fixture))
                .containsExactlyInAnyOrderEntriesOf(ADDED_TO_DJANGO_TABLES);
        assertThat(v1Checksum(old)).isEqualTo(SchemaMigration.V1_CHECKSUM);
        assertThat(jdbc.queryForObject("SELECT success FROM flyway_schema_history WHERE version = '7'", Boolean.class))
                .isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT slug || ' ' || (uuid IS NOT NULL) || ' ' || (public_id ~ '^DC-\\d{2}-00000[12]$')"
                                + " || ' ' || region FROM user_profile_userprofile ORDER BY id",
                        String.class))
                .as("the existing profiles filled as Django would have: slugify(display_name), made unique")
                .containsExactly("testuser true true BD", "testuser-1 true true BD");
        assertThat(jdbc.queryForObject("SELECT actor_id FROM organizations_activity_log", Integer.class))
                .isZero();
        jdbc.update("""
                INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                           is_active, date_joined, is_verified)
                VALUES ('x', false, 'newbie', '', '', 'c@example.com', false, true, now(), false)""");
        assertThat(ProfileRows.forUsernames(old, "newbie")).isOne();
        assertThat(jdbc.queryForObject(
                        "SELECT slug || ' ' || right(public_id, 6) FROM user_profile_userprofile WHERE display_name = 'newbie'",
                        String.class))
                .as("the profile writer works on the upgraded table, the public id counter goes on")
                .isEqualTo("newbie 000003");

        // Started again: nothing left to do, nothing changed.
        new SchemaMigration(old, "", false).migrate(flyway(old).load());
        assertThat(Catalog.of(jdbc, false)).isEqualTo(upgraded);
    }

    @Test
    void aV1WithAnyOtherChecksumStillStopsTheStart() {
        DataSource database = dataSource(TestDatabase.instance().newDatabase("edited_v1"));
        flyway(database).load().migrate();
        new JdbcTemplate(database).update("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '1'");

        assertThatThrownBy(() -> new SchemaMigration(database, "", false)
                        .migrate(flyway(database).load()))
                .hasMessageContaining("checksum mismatch for migration version 1");
    }

    private static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("1");
    }

    private static void firstV1(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/previous-v1")
                .load()
                .migrate();
    }

    private static int v1Checksum(DataSource dataSource) {
        return new JdbcTemplate(dataSource)
                .queryForObject("SELECT checksum FROM flyway_schema_history WHERE version = '1'", Integer.class);
    }

    private static JdbcTemplate jdbc(DatabaseUrl url) {
        return new JdbcTemplate(dataSource(url));
    }

    private static DataSource dataSource(DatabaseUrl url) {
        return new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password() == null ? "" : url.password());
    }
}
