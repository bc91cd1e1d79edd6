package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default trusts nobody: every role has a generated password, kept in a file only its
 * owner reads, and a data directory of the version that trusted every local user is upgraded in
 * place (docs/adr/0020-database-roles-and-write-guard.md).
 */
class EmbeddedDatabaseIntegrationTests {

    @TempDir
    Path base;

    @Test
    void refusesEveryConnectionWithoutItsPasswordOverTcpAndTheLocalSocket() throws Exception {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.open(base)) {
            for (String role : EmbeddedCredentials.ROLES) {
                assertThatThrownBy(() -> DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + embedded.port() + "/postgres", role, ""))
                        .as(role)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password");
                assertThat(psql(embedded.port(), "/tmp", role, null))
                        .as(role + " on the local socket")
                        .contains("no password supplied");
            }
            try (Connection app = connect(embedded.runtimeUrl());
                    Connection owner = connect(embedded.ownerUrl())) {
                assertThat(superuser(app)).isFalse();
                assertThat(superuser(owner)).isFalse();
            }
        }
    }

    @Test
    void keepsThePasswordsInALibpqFileOnlyItsOwnerReads() throws Exception {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.open(base)) {
            Path file = EmbeddedCredentials.file(base);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(psql(embedded.port(), "127.0.0.1", DatabaseRoles.EMBEDDED_OWNER, file))
                    .contains(DatabaseRoles.EMBEDDED_OWNER);
        }
        Files.delete(EmbeddedCredentials.file(base));
        assertThatThrownBy(() -> EmbeddedDatabase.open(base))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("passwords of the embedded PostgreSQL")
                .hasMessageContaining("are missing");
    }

    @Test
    void upgradesADataDirectoryOfThePreviousVersionInPlace() throws Exception {
        Path pgdata = base.resolve("pgdata");
        // The previous version: zonky's defaults (trust), migrated by the superuser, an account.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(pgdata)
                .setCleanDataDirectory(false)
                .start()) {
            Flyway.configure()
                    .dataSource(old.getPostgresDatabase())
                    .target("5")
                    .load()
                    .migrate();
            new JdbcTemplate(old.getPostgresDatabase()).execute("""
                    INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email,
                                               is_staff, is_active, date_joined, is_verified)
                    VALUES ('!', false, 'old_user', '', '', 'old@example.com', false, true, now(), false)""");
        }
        assertThat(EmbeddedRoles.trustsLocalUsers(pgdata)).isTrue();

        try (EmbeddedDatabase embedded = EmbeddedDatabase.open(base)) {
            assertThat(EmbeddedRoles.trustsLocalUsers(pgdata)).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + embedded.port() + "/postgres", "postgres", ""))
                    .hasMessageContaining("password");
            DriverManagerDataSource owner = dataSource(embedded.ownerUrl());
            DriverManagerDataSource runtime = dataSource(embedded.runtimeUrl());
            assertThat(new JdbcTemplate(owner)
                            .queryForList(
                                    "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
                                            + " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'S')",
                                    String.class))
                    .containsExactly(DatabaseRoles.EMBEDDED_OWNER);

            // The rest of the upgrade is the service's usual start: migrations and grants as the owner.
            Flyway flyway = Flyway.configure()
                    .dataSource(owner)
                    .baselineOnMigrate(true)
                    .baselineVersion("1")
                    .load();
            new SchemaMigration(runtime, "", true).migrate(flyway);
            JdbcTemplate app = new JdbcTemplate(runtime);
            assertThat(app.queryForObject("SELECT username FROM accounts_user", String.class))
                    .isEqualTo("old_user");
            assertThat(app.queryForObject(
                            "SELECT count(*) FROM flyway_schema_history WHERE version = '6' AND success",
                            Integer.class))
                    .isOne();
            assertThat(flyway.info().pending()).isEmpty();
            assertThatThrownBy(() -> app.update("UPDATE teams_team SET tagline = 'x'"))
                    .rootCause()
                    .hasMessageContaining("permission denied for table teams_team");
        }
    }

    private static String psql(int port, String host, String role, Path passwordFile)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "psql",
                        "-w",
                        "-h",
                        host,
                        "-p",
                        Integer.toString(port),
                        "-U",
                        role,
                        "-d",
                        "postgres",
                        "-Atc",
                        "SELECT current_user")
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("PGPASSWORD");
        environment.put("PGPASSFILE", passwordFile == null ? "/dev/null" : passwordFile.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static boolean superuser(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
                var rs = sql.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
    }

    private static DriverManagerDataSource dataSource(DatabaseUrl url) {
        return new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password());
    }
}
