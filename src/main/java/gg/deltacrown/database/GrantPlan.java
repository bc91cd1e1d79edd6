package gg.deltacrown.database;

import static gg.deltacrown.database.DatabaseRoles.LEGACY_MAINTAINER;
import static gg.deltacrown.database.DatabaseRoles.SHADOW_WRITER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@link DatabaseGrants} script of a database, for an operator to read or run (module API):
 * {@code runAs} is the role it needs (the schema owner), {@code migrated} false when the service's
 * migrations have not run there yet.
 */
public record GrantPlan(String runtimeRole, String runAs, boolean migrated, List<String> statements) {

    private static final String TABLE_OWNER = """
            SELECT coalesce((SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c
                              WHERE c.oid = to_regclass('teams_team')), session_user::text)
            """;

    /**
     * Reads the database (as the owner when given, else as the runtime role: the catalog is
     * readable by both) and writes the script for the runtime role.
     */
    public static GrantPlan of(DatabaseUrl runtime, DatabaseUrl owner, boolean accountsManagedHere) {
        try {
            return read(runtime, owner, accountsManagedHere);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's catalog: " + e.getMessage(), e);
        }
    }

    private static GrantPlan read(DatabaseUrl runtime, DatabaseUrl owner, boolean accountsManagedHere)
            throws SQLException {
        String runtimeRole;
        try (Connection connection = runtime.connect()) {
            runtimeRole = single(connection, "SELECT session_user");
        }
        try (Connection connection = (owner == null ? runtime : owner).connect()) {
            SchemaCatalog catalog = SchemaCatalog.read(connection);
            String runAs = single(connection, owner == null ? TABLE_OWNER : "SELECT session_user");
            var options = new DatabaseGrants.Options(runtimeRole, runtimeRole.equals(runAs), accountsManagedHere);
            return new GrantPlan(
                    runtimeRole, runAs, catalog.has("flyway_schema_history"), DatabaseGrants.script(catalog, options));
        }
    }

    /** The script as psql runs it, in one transaction, with what it is for. */
    public String text() {
        StringBuilder text = new StringBuilder()
                .append("-- Privileges of the DeltaCrown service's database roles")
                .append(" (docs/adr/0020-database-roles-and-write-guard.md):\n")
                .append("-- runtime role ")
                .append(DatabaseGrants.role(runtimeRole))
                .append(", shadow writer ")
                .append(SHADOW_WRITER)
                .append(" (NOLOGIN), legacy maintainer ")
                .append(LEGACY_MAINTAINER)
                .append(" (NOLOGIN).\n-- Run it as the schema owner (")
                .append(runAs)
                .append("); './deltacrown grants --apply' does it with DATABASE_OWNER_URL.\n");
        if (!migrated) {
            text.append("-- The service's migrations have not run here yet: 'grants --apply' runs them first,")
                    .append(" then grants on the tables they create too.\n");
        }
        text.append("BEGIN;\n");
        statements.forEach(statement -> text.append(statement).append(";\n"));
        return text.append("COMMIT;\n").toString();
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
