package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The database itself blocks legacy writes ({@code V4__legacy_write_guard.sql}), for any client, as the app role. */
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

    @Value("${spring.datasource.url}")
    String url;

    long teamId;

    @BeforeEach
    void aLegacyTeam() {
        teamId = transactions.execute(status -> {
            return legacyTeams.insertTeam(
                    "test_fixture",
                    new NewLegacyTeam("Old Guard", "OLDG", "old-guard", "valorant", "NA", "", null, null, null, true),
                    OffsetDateTime.now());
        });
        jdbc.update("DELETE FROM organizations_legacy_write_audit");
    }

    @Test
    void rejectsInsertUpdateDeleteAndTruncateOnEveryLegacyTableWeWrite() {
        assertBlocked("UPDATE teams_team SET tagline = 'x' WHERE id = " + teamId, "UPDATE on teams_team");
        assertBlocked("DELETE FROM teams_team WHERE id = " + teamId, "DELETE on teams_team");
        assertBlocked(
                "INSERT INTO teams_ranking_breakdown SELECT " + teamId + ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, now()",
                "INSERT on teams_ranking_breakdown");
        assertBlocked("UPDATE teams_teammembership SET status = 'REMOVED'", "UPDATE on teams_teammembership");
        assertBlocked("TRUNCATE teams_teammembership", "TRUNCATE on teams_teammembership");
        assertThat(jdbc.queryForObject("SELECT tagline FROM teams_team WHERE id = ?", String.class, teamId))
                .isEmpty();
    }

    @Test
    void neverBlocksReads() {
        assertThat(jdbc.queryForList("SELECT name FROM teams_team", String.class))
                .containsExactly("Old Guard");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                .isZero();
    }

    @Test
    void letsATransactionWithABypassReasonWriteAndAuditsReasonsOtherThanTheDualWrites() {
        transactions.executeWithoutResult(status -> {
            bypass.open("manual_fix_INC-42");
            jdbc.update("UPDATE teams_team SET tagline = 'fixed' WHERE id = ?", teamId);
        });
        transactions.executeWithoutResult(status -> {
            bypass.open("dual_write_dispatch");
            jdbc.update("UPDATE teams_team SET tagline = 'mirrored' WHERE id = ?", teamId);
        });

        assertThat(jdbc.queryForObject("SELECT tagline FROM teams_team WHERE id = ?", String.class, teamId))
                .isEqualTo("mirrored");
        assertThat(jdbc.queryForList(
                        "SELECT allowed_by, bypass_reason, operation FROM organizations_legacy_write_audit"))
                .containsExactly(Map.of(
                        "allowed_by", "bypass_reason", "bypass_reason", "manual_fix_INC-42", "operation", "UPDATE"));
        // The bypass ends with its transaction.
        assertBlocked("UPDATE teams_team SET tagline = 'x' WHERE id = " + teamId, "UPDATE on teams_team");
    }

    @Test
    void theEmergencyBypassFlagLetsWritesThroughWithAWarningEach() throws SQLException {
        flags.change(Flag.LEGACY_WRITE_BYPASS_ENABLED, "true", FlagSource.RUNTIME, "oncall", "incident 42");

        try (Connection connection = TestDatabase.connect(
                        TestDatabase.asAppRole(new gg.deltacrown.database.DatabaseUrl(url, null, null)));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE teams_team SET tagline = 'urgent' WHERE id = " + teamId);
            SQLWarning warning = statement.getWarnings();
            assertThat((Throwable) warning).isNotNull();
            assertThat(warning.getMessage()).contains("LEGACY_WRITE_BYPASSED: UPDATE on teams_team");
        }
        assertThat(jdbc.queryForList("SELECT allowed_by FROM organizations_legacy_write_audit", String.class))
                .containsExactly("bypass_enabled");
    }

    @Test
    void allowsWritesWhenBlockingIsOffWithoutAuditing() {
        flags.change(Flag.LEGACY_WRITE_BLOCKED, "false", FlagSource.RUNTIME, "oncall", "rollback to legacy");

        assertThat(jdbc.update("UPDATE teams_team SET tagline = 'legacy again' WHERE id = ?", teamId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_legacy_write_audit", Integer.class))
                .isZero();
    }

    @Test
    void stopsRawSqlFromPsqlToo() throws Exception {
        String database = url.substring(url.lastIndexOf('/') + 1);
        String port = url.replaceAll(".*:(\\d+)/.*", "$1");
        Process psql = new ProcessBuilder(
                        "psql",
                        "-h",
                        "localhost",
                        "-p",
                        port,
                        "-U",
                        TestDatabase.APP_ROLE,
                        "-d",
                        database,
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        "DELETE FROM teams_team")
                .redirectErrorStream(true)
                .start();
        psql.getOutputStream().close();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(psql.exitValue()).isNotZero();
        assertThat(output).contains("LEGACY_WRITE_BLOCKED: DELETE on teams_team");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Integer.class))
                .isEqualTo(1);
    }

    private void assertBlocked(String sql, String what) {
        assertThatThrownBy(() -> jdbc.execute(sql))
                .hasMessageContaining("LEGACY_WRITE_BLOCKED: " + what)
                .rootCause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("DC403"));
    }
}
