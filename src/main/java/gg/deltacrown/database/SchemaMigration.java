package gg.deltacrown.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations, after checking what kind of database this is.
 *
 * <ul>
 *   <li>Empty: every migration runs and creates the DeltaCrown tables and our objects.
 *   <li>An existing DeltaCrown database (Django's tables, no Flyway history): Flyway baselines at
 *       version 1, so only our additive objects (V2 onwards) are created.
 *   <li>A database this service created with the first V1: that V1 is recorded as the current
 *       one, and V7 brings its tables to Django's schema (docs/adr/0023-drop-in-on-djangos-database.md).
 *   <li>Anything else (tables, but not the DeltaCrown ones): refused with the list of what is
 *       missing, rather than half-migrated.
 * </ul>
 *
 * <p>A migration older than the database's version runs out of order: versions are reserved per
 * piece of work in advance, so a release can bring a version lower than one a database already has
 * (V7 after V9 and V12); it runs then, and Flyway warns that it does
 * (docs/adr/0023-drop-in-on-djangos-database.md).
 *
 * <p>Then, as the same role (the schema owner: {@code DATABASE_OWNER_URL}, or the one role there
 * is), it applies {@link DatabaseGrants} for the role the service runs as, so every start leaves
 * the privileges as the ADR states them, new tables included.
 */
@Component
class SchemaMigration implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    // Whether this role may (re)grant: a superuser, or a member of the guarded tables' owner.
    private static final String CAN_GRANT = """
            SELECT r.rolsuper OR pg_has_role(r.oid, c.relowner, 'MEMBER')
              FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
             WHERE r.rolname = session_user AND c.oid = to_regclass('teams_team')
            """;

    private static final String SHADOW_WRITER_MEMBER = """
            SELECT CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ?)
                        THEN pg_has_role(session_user, ?, 'MEMBER') ELSE false END
            """;

    private final DataSource service;
    private final String runtimeRole;
    private final boolean accountsManagedHere;

    /**
     * @param runtimeRole the role the service serves as, when the context connects as another
     *     (a command that runs as the owner); empty: the context's own role
     */
    SchemaMigration(
            DataSource service,
            @Value("${deltacrown.database.runtime-role:}") String runtimeRole,
            @Value("${deltacrown.database.accounts-managed-here:false}") boolean accountsManagedHere) {
        this.service = service;
        this.runtimeRole = runtimeRole;
        this.accountsManagedHere = accountsManagedHere;
    }

    /** The Django tables this service reads or writes (docs/adr/0002-schema-on-existing-database.md). */
    static final List<String> DJANGO_TABLES = List.of(
            "accounts_user",
            "user_profile_userprofile",
            "organizations_organization",
            "organizations_org_membership",
            "organizations_team",
            "organizations_membership",
            "organizations_ranking",
            "organizations_migration_map",
            "teams_team",
            "teams_teammembership",
            "teams_ranking_breakdown");

    /** Flyway's checksum of the first {@code V1__deltacrown_schema.sql} (a subset of Django's tables). */
    static final int FIRST_V1_CHECKSUM = -1503371701;

    /** Flyway's checksum of the current {@code V1__deltacrown_schema.sql} (Django's schema). */
    static final int V1_CHECKSUM = -358696629;

    private static final String FIRST_V1_RECORDED =
            "SELECT 1 FROM %s WHERE version = '1' AND type = 'SQL' AND checksum = ?";

    private static final String ADOPT_CURRENT_V1 =
            "UPDATE %s SET checksum = ? WHERE version = '1' AND type = 'SQL' AND checksum = ?";

    @Override
    public void migrate(Flyway flyway) {
        DataSource owner = flyway.getConfiguration().getDataSource();
        checkDatabase(flyway);
        if (missesAnEarlierVersion(flyway)) {
            flyway = Flyway.configure(flyway.getConfiguration().getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .outOfOrder(true)
                    .load();
        }
        flyway.migrate();
        grant(owner);
    }

    private void grant(DataSource ownerDataSource) {
        try (Connection owner = ownerDataSource.getConnection()) {
            String runtimeRole = this.runtimeRole.isBlank() ? sessionUser(service) : this.runtimeRole;
            if (!runtimeRole.equals(sessionUser(owner))) {
                DatabaseGrants.apply(owner, new DatabaseGrants.Options(runtimeRole, false, accountsManagedHere));
            } else if (query(owner, CAN_GRANT)) {
                applyAsTheOneRole(owner, runtimeRole);
            } else if (!query(owner, SHADOW_WRITER_MEMBER, DatabaseRoles.SHADOW_WRITER, DatabaseRoles.SHADOW_WRITER)) {
                throw new IllegalStateException("the role " + runtimeRole + " is not a member of "
                        + DatabaseRoles.SHADOW_WRITER + " and may not grant it; set DATABASE_OWNER_URL to the"
                        + " schema owner, or run './deltacrown grants' and have the owner run what it prints");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot grant the service's database privileges: " + e.getMessage()
                            + " (run './deltacrown grants' to see the statements and what they need)",
                    e);
        }
    }

    /**
     * One role for everything (Django's own role, say): it owns the tables, so the guard is advisory
     * anyway. Creating or granting the shadow writer role needs CREATEROLE (and, from PostgreSQL 16,
     * ADMIN on a role someone else created); without it the service still starts, and says what
     * that costs: with legacy writes blocked, the guard blocks the dual-write's shadows too.
     */
    private void applyAsTheOneRole(Connection owner, String runtimeRole) throws SQLException {
        try {
            DatabaseGrants.apply(owner, new DatabaseGrants.Options(runtimeRole, true, accountsManagedHere));
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            log.warn(
                    "event_type=shadow_writer_unavailable role={} The role {} owns the schema but cannot create or"
                            + " grant {} ({}): the service runs, but while TEAM_LEGACY_WRITE_BLOCKED is on the guard"
                            + " blocks the dual-write's legacy writes too. Set DATABASE_OWNER_URL and a separate"
                            + " DATABASE_URL role, or have a role with CREATEROLE run what './deltacrown grants'"
                            + " prints.",
                    runtimeRole,
                    runtimeRole,
                    DatabaseRoles.SHADOW_WRITER,
                    e.getMessage());
        }
    }

    private static String sessionUser(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return sessionUser(connection);
        }
    }

    private static String sessionUser(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT session_user");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean query(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A migration older than the database's current version that it has not run (Flyway: ignored). */
    private static boolean missesAnEarlierVersion(Flyway flyway) {
        return Arrays.stream(flyway.info().all()).anyMatch(migration -> migration.getState() == MigrationState.IGNORED);
    }

    private static void checkDatabase(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        String history = flyway.getConfiguration().getTable();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = tables(connection);
            if (tables.contains(history)) {
                adoptCurrentV1(connection, history);
                return;
            }
            if (tables.isEmpty()) {
                return;
            }
            List<String> missing = new ArrayList<>(DJANGO_TABLES);
            missing.removeAll(tables);
            if (!missing.isEmpty()) {
                throw new IncompatibleDatabaseException("the database already has tables but not the DeltaCrown schema"
                        + " (missing: " + String.join(", ", missing) + "); point DATABASE_URL at an empty"
                        + " database or at a DeltaCrown database");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the database: " + e.getMessage(), e);
        }
    }

    /**
     * A database migrated with the first V1 records that script's checksum, which Flyway would
     * refuse as a modified migration; V7 upgrades what that script created. Only that exact
     * checksum is replaced: any other difference still stops the start-up.
     */
    private static void adoptCurrentV1(Connection connection, String history) throws SQLException {
        String table = connection.getMetaData().getIdentifierQuoteString()
                + history.replace("\"", "\"\"")
                + connection.getMetaData().getIdentifierQuoteString();
        // Read first: a runtime role without DATABASE_OWNER_URL may read the history, not update it.
        try (PreparedStatement first = connection.prepareStatement(FIRST_V1_RECORDED.formatted(table))) {
            first.setInt(1, FIRST_V1_CHECKSUM);
            try (ResultSet rs = first.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(ADOPT_CURRENT_V1.formatted(table))) {
            update.setInt(1, V1_CHECKSUM);
            update.setInt(2, FIRST_V1_CHECKSUM);
            update.executeUpdate();
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        String schema = connection.getSchema();
        try (ResultSet rs = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
