package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.DeltacrownApplication;
import gg.deltacrown.support.DjangoDatabase;
import gg.deltacrown.support.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Start, twice, on a database Django created and filled ({@link DjangoDatabase}): nothing of
 * Django's is lost or altered, our objects are added and work on
 * Django's rows (docs/adr/0002-schema-on-existing-database.md).
 */
class ExistingDatabaseIntegrationTests {

    @Test
    void startsOnAPopulatedDeltaCrownDatabaseAndOnlyAddsItsOwnObjects() throws Exception {
        DatabaseUrl url = DjangoDatabase.create("existing");
        JdbcTemplate jdbc = jdbc(url);
        Map<String, String> before = snapshot(jdbc);

        start(url).close();
        Map<String, String> afterFirstStart = snapshot(jdbc);
        start(url).close();

        // Django's tables are as they were; every table added is one of our own organizations_* tables.
        assertThat(afterFirstStart).containsAllEntriesOf(before);
        assertThat(snapshot(jdbc)).isEqualTo(afterFirstStart);
        assertThat(afterFirstStart.keySet())
                .filteredOn(table -> !before.containsKey(table))
                .isNotEmpty()
                .allMatch(table -> table.startsWith("organizations_"), "an organizations_* table of ours");
        assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class))
                .containsExactlyElementsOf(migrationVersions());
        assertThat(jdbc.queryForObject("SELECT type FROM flyway_schema_history WHERE version = '1'", String.class))
                .isEqualTo("BASELINE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auth_permission", Integer.class))
                .isEqualTo(100);

        // Our additive objects, filled in for the existing rows (memberships point at profiles 1-3,
        // whose users are 1-3).
        assertThat(jdbc.queryForList("SELECT profile_id = user_id FROM teams_teammembership", Boolean.class))
                .hasSize(5)
                .containsOnly(true);
        assertThat(jdbc.queryForObject("SELECT branding::text FROM organizations_team WHERE id = 1", String.class))
                .isEqualTo("{}");
        assertThat(jdbc.queryForObject(
                        "SELECT legacy_team_id FROM organizations_teammigrationmap WHERE vnext_team_id = 1",
                        Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_teammembership WHERE created_at IS NOT NULL",
                        Integer.class))
                .isEqualTo(2);
        for (String sql : RunbookSql.APPENDIX_B) {
            jdbc.queryForList(sql);
        }
        assertThat(jdbc.queryForList(RunbookSql.STEP_4_JOIN)).isEmpty();

        // And Django's own legacy writes are now blocked by the database.
        assertThatThrownBy(() -> jdbc.update("UPDATE teams_team SET tagline = 'x' WHERE id = 1"))
                .hasMessageContaining("LEGACY_WRITE_BLOCKED: UPDATE on teams_team");
    }

    @Test
    void refusesADatabaseWithTablesThatAreNotDeltaCrowns() throws Exception {
        DatabaseUrl url = TestDatabase.instance().newDatabase("foreign");
        try (Connection connection = TestDatabase.connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE invoices (id bigint PRIMARY KEY); CREATE TABLE teams_team (id bigint)");
        }

        assertThatThrownBy(() -> start(url))
                .rootCause()
                .isInstanceOf(IncompatibleDatabaseException.class)
                .hasMessageContaining("missing: accounts_user, user_profile_userprofile");
        assertThat(jdbc(url)
                        .queryForList(
                                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
                                String.class))
                .containsExactly("invoices", "teams_team");
    }

    private static ConfigurableApplicationContext start(DatabaseUrl url) {
        return new SpringApplicationBuilder(DeltacrownApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url",
                        url.jdbcUrl(),
                        "spring.datasource.username",
                        url.username(),
                        "spring.datasource.password",
                        url.password() == null ? "" : url.password(),
                        "deltacrown.mode",
                        "cli"))
                .run();
    }

    /** The versions of the migrations on the classpath, in Flyway's order: V1 is the baseline. */
    private static List<String> migrationVersions() throws IOException {
        return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql"))
                .map(resource -> resource.getFilename()
                        .substring(1, resource.getFilename().indexOf("__")))
                .map(version -> version.replace('_', '.'))
                .sorted(Comparator.comparing(MigrationVersion::fromVersion))
                .toList();
    }

    /** Every table: its column definitions and a digest of its rows over those columns. */
    private static Map<String, String> snapshot(JdbcTemplate jdbc) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                   AND table_name <> 'flyway_schema_history'
                 ORDER BY table_name
                """, String.class);
        for (String table : tables) {
            List<String> columns = jdbc.queryForList("""
                    SELECT column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '')
                           || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                      FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name = ?
                       AND (table_name, column_name) NOT IN (('organizations_team', 'branding'),
                           ('teams_team', 'logo_url'), ('teams_teammembership', 'user_id'))
                     ORDER BY ordinal_position
                    """, String.class, table);
            List<String> names =
                    columns.stream().map(column -> column.split(" ")[0]).toList();
            String rows = jdbc.queryForObject(
                    "SELECT md5(coalesce(string_agg(row(%1$s)::text, '|' ORDER BY row(%1$s)::text), '')) FROM %2$s"
                            .formatted(String.join(", ", names), table),
                    String.class);
            snapshot.put(table, String.join(";", columns) + " rows=" + rows);
        }
        return snapshot;
    }

    private static JdbcTemplate jdbc(DatabaseUrl url) throws SQLException {
        return new JdbcTemplate(new SingleConnectionDataSource(TestDatabase.connect(url), true));
    }
}
