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
 */
@Component
class SchemaMigration implements FlywayMigrationStrategy {

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

    private static final String ADOPT_CURRENT_V1 =
            "UPDATE %s SET checksum = ? WHERE version = '1' AND type = 'SQL' AND checksum = ?";

    @Override
    public void migrate(Flyway flyway) {
        checkDatabase(flyway);
        if (missesAnEarlierVersion(flyway)) {
            flyway = Flyway.configure(flyway.getConfiguration().getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .outOfOrder(true)
                    .load();
        }
        flyway.migrate();
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
