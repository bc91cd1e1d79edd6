package gg.deltacrown.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations, after checking what kind of database this is.
 *
 * <ul>
 *   <li>Empty: every migration runs and creates the DeltaCrown tables and our objects.
 *   <li>An existing DeltaCrown database (Django's tables, no Flyway history): Flyway baselines at
 *       version 1, so only our additive objects (V2 onwards) are created.
 *   <li>Anything else (tables, but not the DeltaCrown ones): refused with the list of what is
 *       missing, rather than half-migrated.
 * </ul>
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

    @Override
    public void migrate(Flyway flyway) {
        checkDatabase(flyway.getConfiguration().getDataSource());
        flyway.migrate();
    }

    private static void checkDatabase(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = tables(connection);
            if (tables.contains("flyway_schema_history") || tables.isEmpty()) {
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
