package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.validation.MigrationFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The attacks of the least-privilege issue on the database, replayed with real roles on a real
 * server (docs/adr/0020-database-roles-and-write-guard.md): a schema owner that migrated and
 * granted as the service does, the runtime role the service serves as, and a "Django" role with
 * DML on the legacy tables, and even {@code ALL} on every table the owner creates (default
 * privileges, the worst a DBA could have set up). Never as superuser for a claim. Subclasses
 * choose the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseAttacks {

    static final String OWNER = "dcsec_owner";
    static final String RUNTIME = "dcsec_app";
    static final String DJANGO = "dcsec_django";

    private static final String BLOCKED = "DC403";
    private static final String DENIED = "42501";

    private DatabaseUrl admin;
    private String database;
    private long team;

    /** A superuser URL of the server the attacks run against. */
    abstract DatabaseUrl admin();

    @BeforeAll
    void aDeltaCrownDatabaseSetUpAsTheReadmeSays() throws SQLException {
        admin = admin();
        database = "dcsec_" + ProcessHandle.current().pid() + "_"
                + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        try (Connection superuser = connect(admin, admin.jdbcUrl());
                Statement sql = superuser.createStatement()) {
            for (String role : List.of(OWNER, RUNTIME, DJANGO)) {
                sql.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "';"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
            // The owner may create the guard's NOLOGIN roles; where another database of the cluster
            // created them already, a DBA gives it ADMIN on them, and on PostgreSQL 16+ nothing else
            // (the README's set-up). Before 16, CREATEROLE may grant any role without that.
            sql.execute("ALTER ROLE " + OWNER + " CREATEROLE");
            boolean grantOptions =
                    Integer.parseInt(query(superuser, "SHOW server_version_num").get(0)) >= 160000;
            for (String role : List.of(DatabaseRoles.SHADOW_WRITER, DatabaseRoles.LEGACY_MAINTAINER)) {
                sql.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " GRANT " + role + " TO " + OWNER + " WITH ADMIN OPTION"
                        + (grantOptions ? ", INHERIT FALSE, SET FALSE" : "") + "; END IF; END $$");
            }
            sql.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
        }
        try (Connection owner = as(OWNER);
                Statement sql = owner.createStatement()) {
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER + " GRANT ALL ON TABLES TO " + DJANGO);
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER + " GRANT ALL ON SEQUENCES TO " + DJANGO);
        }
        DriverManagerDataSource ownerSource = dataSource(OWNER);
        Flyway flyway = Flyway.configure()
                .dataSource(ownerSource)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load();
        new SchemaMigration(dataSource(RUNTIME), "", false).migrate(flyway);
        team = new MigrationFixture(dataSource(RUNTIME)).legacyTeam("Old Guard").create();
    }

    @BeforeEach
    void flagsAuditAndTheLegacyRowAsTheyWere() throws SQLException {
        try (Connection owner = as(OWNER);
                Statement sql = owner.createStatement()) {
            sql.execute("DELETE FROM organizations_feature_flag");
            sql.execute("DELETE FROM organizations_legacy_write_audit");
            sql.execute("REVOKE " + DatabaseRoles.LEGACY_MAINTAINER + " FROM " + DJANGO);
        }
    }

    @Test
    void aBypassReasonGetsNoOtherRolesWriteThroughWhateverItSays() throws SQLException {
        for (String reason : List.of("dual_write", "dual_write_dispatch", "manual_fix")) {
            try (Connection django = as(DJANGO)) {
                refused(django, BLOCKED, "BEGIN", "SET LOCAL deltacrown.legacy_write_bypass = '" + reason + "'", tag());
            }
            try (Connection service = as(RUNTIME)) {
                refused(service, DENIED, "BEGIN", "SET LOCAL deltacrown.legacy_write_bypass = '" + reason + "'", tag());
            }
        }
        assertThat(tagline()).isEmpty();
        assertThat(auditRows()).isZero();
    }

    @Test
    void underTheEmergencyFlagEveryOtherWriteIsAuditedFirstWhateverItsReason() throws SQLException {
        changeFlag("TEAM_LEGACY_WRITE_BYPASS_ENABLED", "true");
        try (Connection django = as(DJANGO);
                Statement sql = django.createStatement()) {
            sql.execute("BEGIN");
            sql.execute("SET LOCAL deltacrown.legacy_write_bypass = 'dual_write'");
            assertThat(sql.executeUpdate(tag())).isEqualTo(1);
            SQLWarning warning = sql.getWarnings();
            assertThat(warning.getMessage()).contains("LEGACY_WRITE_BYPASSED: UPDATE on teams_team by " + DJANGO);
            sql.execute("COMMIT");
            assertThat(sql.executeUpdate(tag())).isEqualTo(1);
        }
        assertThat(asOwner("""
                        SELECT allowed_by || ' ' || coalesce(bypass_reason, '-') || ' ' || db_user || ' ' || login_role
                          FROM organizations_legacy_write_audit ORDER BY id"""))
                .containsExactly(
                        "bypass_enabled dual_write " + DJANGO + " " + DJANGO,
                        "bypass_enabled - " + DJANGO + " " + DJANGO);
    }

    @Test
    void temporaryObjectsCannotStandInForTheFlagsTheAuditOrTheFlagFunction() throws SQLException {
        try (Connection django = as(DJANGO);
                Statement sql = django.createStatement()) {
            sql.execute("CREATE TEMP TABLE organizations_feature_flag (name text, value text)");
            sql.execute("INSERT INTO organizations_feature_flag VALUES ('TEAM_LEGACY_WRITE_BLOCKED', 'false')");
            sql.execute("CREATE FUNCTION pg_temp.deltacrown_flag_enabled(text, boolean) RETURNS boolean"
                    + " LANGUAGE sql AS 'SELECT false'");
            sql.execute("SET search_path = pg_temp, public");
            refused(django, BLOCKED, tag());
        }
        changeFlag("TEAM_LEGACY_WRITE_BYPASS_ENABLED", "true");
        try (Connection django = as(DJANGO);
                Statement sql = django.createStatement()) {
            sql.execute(
                    "CREATE TEMP TABLE organizations_legacy_write_audit (LIKE public.organizations_legacy_write_audit)");
            sql.execute("SET search_path = pg_temp, public");
            assertThat(sql.executeUpdate(tag())).isEqualTo(1);
            assertThat(query(django, "SELECT count(*) FROM pg_temp.organizations_legacy_write_audit"))
                    .containsExactly("0");
        }
        assertThat(auditRows()).isOne();
    }

    @Test
    void neitherTheRuntimeRoleNorDjangoCanDisableDropOrReplaceTheGuard() throws SQLException {
        for (String role : List.of(RUNTIME, DJANGO)) {
            try (Connection connection = as(role)) {
                refused(connection, DENIED, "ALTER TABLE teams_team DISABLE TRIGGER deltacrown_legacy_write_guard");
                refused(connection, DENIED, "ALTER TABLE teams_team DISABLE TRIGGER ALL");
                refused(connection, DENIED, "DROP TRIGGER deltacrown_legacy_write_guard ON teams_team");
                refused(
                        connection,
                        DENIED,
                        "CREATE OR REPLACE FUNCTION public.deltacrown_legacy_write_guard() RETURNS trigger"
                                + " LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
                refused(connection, DENIED, "ALTER FUNCTION deltacrown_legacy_write_guard() OWNER TO " + role);
            }
        }
        try (Connection django = as(DJANGO)) {
            refused(django, BLOCKED, tag());
        }
    }

    @Test
    void theRuntimeRoleCannotTurnOffTriggersOrRunServerPrograms() throws SQLException {
        try (Connection service = as(RUNTIME)) {
            refused(service, DENIED, "SET session_replication_role = replica");
            refused(service, DENIED, "COPY (SELECT 1) TO PROGRAM 'true'");
            refused(service, DENIED, "SELECT pg_read_file('pg_hba.conf')");
        }
    }

    @Test
    void flagsChangeOnlyThroughTheServicesFunctionWhichKeepsWhoWhenAndWhy() throws SQLException {
        try (Connection service = as(RUNTIME)) {
            refused(service, DENIED, "UPDATE organizations_feature_flag SET value = 'false'");
            refused(
                    service,
                    DENIED,
                    "INSERT INTO organizations_feature_flag (name, value, source, changed_by)"
                            + " VALUES ('TEAM_LEGACY_WRITE_BLOCKED', 'false', 'runtime', 'x')");
            refused(service, DENIED, "DELETE FROM organizations_feature_flag_change");
            refused(
                    service,
                    "22023",
                    "SELECT deltacrown_change_flag('TEAM_LEGACY_WRITE_BLOCKED', 'nope', 'true',"
                            + " 'runtime', 'mallory', 'x')");
        }
        try (Connection django = as(DJANGO)) {
            // ALL by default privileges: the table's own trigger still refuses anyone but its owner.
            refused(
                    django,
                    DENIED,
                    "INSERT INTO organizations_feature_flag (name, value, source, changed_by)"
                            + " VALUES ('TEAM_LEGACY_WRITE_BLOCKED', 'false', 'runtime', 'x')");
            refused(django, DENIED, "TRUNCATE organizations_feature_flag_change");
            refused(
                    django,
                    DENIED,
                    "SELECT deltacrown_change_flag('TEAM_LEGACY_WRITE_BLOCKED', 'false', 'true',"
                            + " 'runtime', 'mallory', 'x')");
            refused(django, BLOCKED, tag());
        }
        changeFlag("TEAM_LEGACY_WRITE_BLOCKED", "false");
        assertThat(asOwner("""
                        SELECT name || ' ' || old_value || '>' || new_value || ' ' || changed_by || ' ' || login_role
                               || ' ' || reason || ' ' || (changed_at > now() - interval '1 minute')
                          FROM organizations_feature_flag_change"""))
                .containsExactly("TEAM_LEGACY_WRITE_BLOCKED true>false alice " + RUNTIME + " attack test true");
    }

    @Test
    void anEnvironmentValueReturnsToItsDefaultOnlyThroughTheServicesFunction() throws SQLException {
        try (Connection service = as(RUNTIME)) {
            assertThat(query(
                            service,
                            "SELECT deltacrown_change_flag('TEAM_VNEXT_DUAL_WRITE_ENABLED', 'true', 'false', 'env',"
                                    + " 'serve', 'from the environment')"))
                    .containsExactly("t");
            refused(service, DENIED, "DELETE FROM organizations_feature_flag");
        }
        try (Connection django = as(DJANGO)) {
            refused(
                    django,
                    DENIED,
                    "SELECT deltacrown_drop_env_flag('TEAM_VNEXT_DUAL_WRITE_ENABLED', 'false', 'mallory', 'x')");
        }
        changeFlag("TEAM_LEGACY_WRITE_BLOCKED", "false");
        try (Connection service = as(RUNTIME)) {
            assertThat(query(
                            service,
                            "SELECT deltacrown_drop_env_flag('TEAM_VNEXT_DUAL_WRITE_ENABLED', 'false', 'serve', 'unset')"
                                    + " UNION ALL SELECT deltacrown_drop_env_flag('TEAM_LEGACY_WRITE_BLOCKED', 'true',"
                                    + " 'serve', 'a runtime value stays')"))
                    .containsExactly("t", "f");
        }
        assertThat(asOwner("SELECT name || '=' || value FROM organizations_feature_flag"))
                .containsExactly("TEAM_LEGACY_WRITE_BLOCKED=false");
        assertThat(asOwner("""
                        SELECT old_value || '>' || new_value || ' ' || source || ' ' || changed_by || ' ' || login_role
                          FROM organizations_feature_flag_change
                         WHERE name = 'TEAM_VNEXT_DUAL_WRITE_ENABLED' AND source = 'default'""")).containsExactly("true>false default serve " + RUNTIME);
    }

    @Test
    void theRuntimeRoleWritesEveryTableOfOursButTheFlagsAndTheAudit() throws SQLException {
        try (Connection service = as(RUNTIME)) {
            List<String> writable = query(service, """
                    SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                       AND c.relname LIKE 'organizations\\_%'
                       AND has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE')
                       AND has_table_privilege(c.oid, 'DELETE')
                     ORDER BY 1""");
            // Tables of later migrations (verification runs, report runs, dual-write failures) too.
            assertThat(writable)
                    .contains(
                            "organizations_dualwrite_failure",
                            "organizations_dualwrite_outbox",
                            "organizations_validation_report_run",
                            "organizations_verification_run")
                    .doesNotContainAnyElementsOf(DatabaseGrants.PROTECTED);
            try (Statement sql = service.createStatement()) {
                assertThat(sql.executeUpdate("INSERT INTO organizations_validation_report_run"
                                + " (requested_by, has_errors, report) VALUES ('attack test', false, '{}')"))
                        .isOne();
                assertThat(sql.executeUpdate("DELETE FROM organizations_validation_report_run"))
                        .isOne();
            }
        }
    }

    @Test
    void theAuditIsAppendOnlyForEveryRoleButTheOwner() throws SQLException {
        changeFlag("TEAM_LEGACY_WRITE_BYPASS_ENABLED", "true");
        try (Connection django = as(DJANGO);
                Statement sql = django.createStatement()) {
            sql.executeUpdate(tag());
        }
        for (String role : List.of(RUNTIME, DJANGO)) {
            try (Connection connection = as(role)) {
                refused(connection, DENIED, "DELETE FROM organizations_legacy_write_audit");
                refused(connection, DENIED, "UPDATE organizations_legacy_write_audit SET db_user = 'nobody'");
                refused(connection, DENIED, "TRUNCATE organizations_legacy_write_audit");
                refused(
                        connection,
                        DENIED,
                        "INSERT INTO organizations_legacy_write_audit (table_name, operation, allowed_by)"
                                + " VALUES ('teams_team', 'UPDATE', 'allowed_role')");
            }
        }
        assertThat(auditRows()).isOne();
        try (Connection owner = as(OWNER);
                Statement sql = owner.createStatement()) {
            assertThat(sql.executeUpdate("DELETE FROM organizations_legacy_write_audit"))
                    .isOne();
        }
    }

    @Test
    void theRuntimeRoleOwnsNothingAndWritesLegacyRowsOnlyAsTheShadowWriter() throws SQLException {
        try (Connection service = as(RUNTIME);
                Statement sql = service.createStatement()) {
            assertThat(query(service, """
                            SELECT count(*) FROM pg_class c
                             WHERE c.relnamespace = current_schema()::regnamespace
                               AND pg_has_role(current_user, c.relowner, 'MEMBER')
                            UNION ALL
                            SELECT count(*) FROM pg_proc p
                             WHERE p.pronamespace = current_schema()::regnamespace
                               AND pg_has_role(current_user, p.proowner, 'MEMBER')""")).containsExactly("0", "0");
            assertThat(query(service, "SELECT has_table_privilege('teams_team', 'UPDATE')"))
                    .containsExactly("f");
            refused(service, DENIED, tag());
            sql.execute("BEGIN");
            sql.execute("SET LOCAL ROLE " + DatabaseRoles.SHADOW_WRITER);
            assertThat(sql.executeUpdate("UPDATE teams_team SET tagline = '' WHERE id = " + team))
                    .isEqualTo(1);
            sql.execute("COMMIT");
            assertThat(query(service, "SELECT current_user")).containsExactly(RUNTIME);
        }
        assertThat(auditRows()).isZero();
    }

    @Test
    void noOtherRoleMayTakeTheShadowWriterRole() throws SQLException {
        try (Connection django = as(DJANGO)) {
            refused(django, DENIED, "SET ROLE " + DatabaseRoles.SHADOW_WRITER);
            refused(django, DENIED, "SELECT set_config('role', '" + DatabaseRoles.SHADOW_WRITER + "', false)");
            refused(django, DENIED, "SET SESSION AUTHORIZATION " + RUNTIME);
            // A role may set its own login defaults, but PostgreSQL checks membership at login.
            try (Statement sql = django.createStatement()) {
                sql.execute("ALTER ROLE " + DJANGO + " SET role = '" + DatabaseRoles.SHADOW_WRITER + "'");
            }
        }
        try (Connection django = as(DJANGO)) {
            assertThat(query(django, "SELECT current_user || ' ' || current_setting('role')"))
                    .containsExactly(DJANGO + " none");
            refused(django, BLOCKED, tag());
        } finally {
            try (Connection django = as(DJANGO);
                    Statement sql = django.createStatement()) {
                sql.execute("ALTER ROLE " + DJANGO + " RESET role");
            }
        }
    }

    @Test
    void aRoleTheOperatorAllowedWritesWhileBlockedWithAnAuditRowEach() throws SQLException {
        // The owner administers the maintainer role; that alone lets it write nothing.
        try (Connection owner = as(OWNER)) {
            refused(owner, BLOCKED, tag());
        }
        try (Connection owner = as(OWNER);
                Statement sql = owner.createStatement()) {
            sql.execute("GRANT " + DatabaseRoles.LEGACY_MAINTAINER + " TO " + DJANGO);
        }
        try (Connection django = as(DJANGO);
                Statement sql = django.createStatement()) {
            assertThat(sql.executeUpdate(tag())).isEqualTo(1);
        }
        assertThat(asOwner("SELECT allowed_by || ' ' || db_user FROM organizations_legacy_write_audit"))
                .containsExactly("allowed_role " + DJANGO);
    }

    @Test
    void theGuardBindsTheRuntimeRoleAndIsOnlyAdvisoryForTheOwner() {
        GuardPosture.Status service = new GuardPosture(JdbcClient.create(dataSource(RUNTIME)), "cli").status();
        GuardPosture.Status owner = new GuardPosture(JdbcClient.create(dataSource(OWNER)), "cli").status();

        assertThat(service.advisory()).isFalse();
        assertThat(service.describe())
                .isEqualTo("guard enforced: the service's role (" + RUNTIME + ") cannot disable it");
        assertThat(owner.advisory()).isTrue();
        assertThat(owner.describe())
                .startsWith(GuardPosture.ADVISORY + " (" + OWNER + ": owns organizations_feature_flag, ")
                .contains("teams_team", "owns the schema", "owns the guard function");
    }

    private String tag() {
        return "UPDATE teams_team SET tagline = 'forged' WHERE id = " + team;
    }

    /**
     * A superuser-owned table and function in the service's schema (what PostGIS's
     * {@code spatial_ref_sys} or dblink's {@code dblink_connect_u} are on a Django database): the
     * service's start-up grants must not try to revoke on them (the owner holds no grant option there,
     * and the whole script would fail), and must not open them to the runtime role either.
     */
    @Test
    void objectsASuperuserPutInTheSchemaNeitherStopTheGrantsNorBecomeReachable() throws SQLException {
        try (Connection superuser = connect(admin, url());
                Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TABLE dcsec_spatial_ref_sys (srid integer PRIMARY KEY)");
            sql.execute("GRANT SELECT ON dcsec_spatial_ref_sys TO PUBLIC");
            sql.execute("CREATE FUNCTION dcsec_connect_u(text) RETURNS text LANGUAGE sql AS 'SELECT $1'");
            sql.execute("REVOKE EXECUTE ON FUNCTION dcsec_connect_u(text) FROM PUBLIC");
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource(OWNER))
                    .baselineOnMigrate(true)
                    .baselineVersion("1")
                    .load();
            // What every start of the service does: the grants again, as the schema's owner.
            new SchemaMigration(dataSource(RUNTIME), "", false).migrate(flyway);
            try (Connection service = as(RUNTIME)) {
                refused(service, DENIED, "SELECT dcsec_connect_u('host=elsewhere')");
                refused(service, DENIED, "INSERT INTO dcsec_spatial_ref_sys VALUES (4326)");
                assertThat(query(service, "SELECT has_table_privilege('organizations_dualwrite_outbox', 'INSERT')"))
                        .containsExactly("t");
            }
        } finally {
            try (Connection superuser = connect(admin, url());
                    Statement sql = superuser.createStatement()) {
                sql.execute("DROP TABLE dcsec_spatial_ref_sys");
                sql.execute("DROP FUNCTION dcsec_connect_u(text)");
            }
        }
    }

    private void changeFlag(String name, String value) throws SQLException {
        try (Connection service = as(RUNTIME)) {
            assertThat(query(
                            service,
                            "SELECT deltacrown_change_flag('" + name + "', '" + value + "', '"
                                    + Flag.byName(name).orElseThrow().defaultValue()
                                    + "', 'runtime', 'alice', 'attack test')"))
                    .containsExactly("t");
        }
    }

    private String tagline() throws SQLException {
        return asOwner("SELECT tagline FROM teams_team WHERE id = " + team).get(0);
    }

    private long auditRows() throws SQLException {
        return Long.parseLong(
                asOwner("SELECT count(*) FROM organizations_legacy_write_audit").get(0));
    }

    /** Runs the statements in order; the last one must fail with this SQLSTATE. */
    private static void refused(Connection connection, String sqlState, String... statements) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (int i = 0; i < statements.length - 1; i++) {
                sql.execute(statements[i]);
            }
            String last = statements[statements.length - 1];
            assertThatThrownBy(() -> sql.execute(last))
                    .as(last)
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
            if (!connection.getAutoCommit() || statements[0].equals("BEGIN")) {
                sql.execute("ROLLBACK");
            }
        }
    }

    private List<String> asOwner(String sql) throws SQLException {
        try (Connection owner = as(OWNER)) {
            return query(owner, sql);
        }
    }

    /** The first column of every row, as text. */
    private static List<String> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private String url() {
        String base = admin.jdbcUrl();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        int parameters = base.indexOf('?', slash);
        return base.substring(0, slash + 1) + database + (parameters < 0 ? "" : base.substring(parameters));
    }

    private Connection as(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, role);
    }

    private DriverManagerDataSource dataSource(String role) {
        return new DriverManagerDataSource(url(), role, role);
    }

    private static Connection connect(DatabaseUrl url, String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, url.username(), url.password() == null ? "" : url.password());
    }
}
