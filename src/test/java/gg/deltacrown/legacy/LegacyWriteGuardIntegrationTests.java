package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database itself blocks legacy writes, for any client: a "Django" role with DML on the legacy
 * tables is refused, the service's own role has no write privilege there at all, and only the
 * shadow writer role gets through (docs/adr/0020-database-roles-and-write-guard.md).
 */
@IntegrationTest
class LegacyWriteGuardIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LegacyTeams legacyTeams;

    @Autowired
    LegacyWriteBypass bypass;

    @Autowired
    Flags flags;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Value("${spring.datasource.url}")
    String url;

    long teamId;

    @BeforeEach
    void aLegacyTeamAndADjangoRoleWithDmlOnIt() throws SQLException {
        teamId = transactions.execute(status -> legacyTeams.insertTeam(
                LegacyWriteReason.TEST_FIXTURE,
                new NewLegacyTeam("Old Guard", "OLDG", "old-guard", "valorant", "NA", "", null, null, null, true),
                OffsetDateTime.now()));
        try (Connection owner =
                DatabaseOwner.dataSource(environment, dataSource).getConnection()) {
            TestDatabase.grantDjangoRole(owner);
        }
    }

    @Test
    void rejectsInsertUpdateDeleteAndTruncateOnEveryLegacyTableWeWrite() throws SQLException {
        try (Connection django = django()) {
            assertBlocked(django, "UPDATE teams_team SET tagline = 'x' WHERE id = " + teamId, "UPDATE on teams_team");
            assertBlocked(django, "DELETE FROM teams_team WHERE id = " + teamId, "DELETE on teams_team");
            assertBlocked(
                    django,
                    "INSERT INTO teams_ranking_breakdown SELECT " + teamId + ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now()",
                    "INSERT on teams_ranking_breakdown");
            assertBlocked(
                    django, "UPDATE teams_teammembership SET status = 'REMOVED'", "UPDATE on teams_teammembership");
            assertBlocked(django, "TRUNCATE teams_teammembership", "TRUNCATE on teams_teammembership");
        }
        assertThat(jdbc.queryForObject("SELECT tagline FROM teams_team WHERE id = ?", String.class, teamId))
                .isEmpty();
    }

    @Test
    void theServiceRoleCannotWriteLegacyTablesWithoutTakingTheShadowWriterRole() {
        assertThatThrownBy(() -> jdbc.update("UPDATE teams_team SET tagline = 'x' WHERE id = ?", teamId))
                .rootCause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for table teams_team");
    }

    @Test
    void neverBlocksReads() throws SQLException {
        assertThat(jdbc.queryForList("SELECT name FROM teams_team", String.class))
                .containsExactly("Old Guard");
        try (Connection django = django()) {
            assertThat(new JdbcTemplate(new SingleConnectionDataSource(django, true))
                            .queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                    .isZero();
        }
    }

    @Test
    void honoursTheBypassOnlyForTheShadowWriterRoleWhateverTheReasonSays() throws SQLException {
        try (Connection django = django()) {
            TransactionTemplate djangoTransactions = new TransactionTemplate(
                    new DataSourceTransactionManager(new SingleConnectionDataSource(django, true)));
            JdbcTemplate asDjango = new JdbcTemplate(new SingleConnectionDataSource(django, true));
            for (String forged : new String[] {"manual_fix_INC-42", "dual_write_dispatch"}) {
                assertThatThrownBy(() -> djangoTransactions.executeWithoutResult(status -> {
                            asDjango.queryForObject(
                                    "SELECT set_config('deltacrown.legacy_write_bypass', ?, true)",
                                    String.class,
                                    forged);
                            asDjango.update("UPDATE teams_team SET tagline = 'forged' WHERE id = ?", teamId);
                        }))
                        .hasMessageContaining("LEGACY_WRITE_BLOCKED: UPDATE on teams_team");
            }
        }
        transactions.executeWithoutResult(status -> {
            bypass.open(LegacyWriteReason.DUAL_WRITE_DISPATCH);
            jdbc.update("UPDATE teams_team SET tagline = 'mirrored' WHERE id = ?", teamId);
        });

        assertThat(jdbc.queryForObject("SELECT tagline FROM teams_team WHERE id = ?", String.class, teamId))
                .isEqualTo("mirrored");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_legacy_write_audit", Integer.class))
                .isZero();
        // The shadow writer role ends with its transaction.
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(TestDatabase.APP_ROLE);
    }

    @Test
    void theEmergencyBypassFlagLetsWritesThroughWithAWarningAndAnAuditRowEach() throws SQLException {
        flags.change(Flag.LEGACY_WRITE_BYPASS_ENABLED, "true", FlagSource.RUNTIME, "oncall", "incident 42");

        try (Connection django = django();
                Statement statement = django.createStatement()) {
            statement.executeUpdate("UPDATE teams_team SET tagline = 'urgent' WHERE id = " + teamId);
            SQLWarning warning = statement.getWarnings();
            assertThat((Throwable) warning).isNotNull();
            assertThat(warning.getMessage()).contains("LEGACY_WRITE_BYPASSED: UPDATE on teams_team by django_app");
        }
        assertThat(jdbc.queryForList("SELECT allowed_by, db_user, login_role FROM organizations_legacy_write_audit"))
                .containsExactly(Map.of(
                        "allowed_by",
                        "bypass_enabled",
                        "db_user",
                        TestDatabase.DJANGO_ROLE,
                        "login_role",
                        TestDatabase.DJANGO_ROLE));
    }

    @Test
    void allowsWritesWhenBlockingIsOffWithoutAuditing() throws SQLException {
        flags.change(Flag.LEGACY_WRITE_BLOCKED, "false", FlagSource.RUNTIME, "oncall", "rollback to legacy");

        try (Connection django = django();
                Statement statement = django.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE teams_team SET tagline = 'legacy again' WHERE id = " + teamId))
                    .isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_legacy_write_audit", Integer.class))
                .isZero();
    }

    @Test
    void stopsRawSqlFromPsqlToo() throws Exception {
        String database = url.substring(url.lastIndexOf('/') + 1);
        String port = url.replaceAll(".*:(\\d+)/.*", "$1");
        ProcessBuilder builder = new ProcessBuilder(
                        "psql",
                        "-h",
                        "localhost",
                        "-p",
                        port,
                        "-U",
                        TestDatabase.DJANGO_ROLE,
                        "-d",
                        database,
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        "DELETE FROM teams_team")
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", TestDatabase.DJANGO_ROLE);
        Process psql = builder.start();
        psql.getOutputStream().close();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(psql.exitValue()).isNotZero();
        assertThat(output).contains("LEGACY_WRITE_BLOCKED: DELETE on teams_team");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Integer.class))
                .isEqualTo(1);
    }

    private Connection django() throws SQLException {
        return TestDatabase.connect(TestDatabase.asDjangoRole(new DatabaseUrl(url, null, null)));
    }

    private static void assertBlocked(Connection connection, String sql, String what) {
        assertThatThrownBy(() -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(sql);
                    }
                })
                .hasMessageContaining("LEGACY_WRITE_BLOCKED: " + what)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("DC403"));
    }
}
