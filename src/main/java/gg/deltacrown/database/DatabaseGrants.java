package gg.deltacrown.database;

import static gg.deltacrown.database.DatabaseRoles.LEGACY_MAINTAINER;
import static gg.deltacrown.database.DatabaseRoles.SHADOW_WRITER;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The privileges of the runtime role and of the shadow writer, as one SQL script the schema owner
 * runs (module API; docs/adr/0020-database-roles-and-write-guard.md).
 *
 * <ul>
 *   <li>runtime role: DML on the {@code organizations_*} tables and views, SELECT on the flag
 *       tables and the legacy write audit (they change only through the service's functions),
 *       SELECT on {@code accounts_user}, the profile and every {@code teams_*} table, EXECUTE on
 *       the flag functions, USAGE on every id sequence of those tables and of the guarded legacy
 *       ones (nextval writes no row); it owns nothing. INSERT on the accounts tables only where the service
 *       is the account system (the embedded default): on a Django database accounts come from
 *       Django, and a runtime role that could add a staff account could take over Django's admin.
 *   <li>shadow writer (NOLOGIN): the same, plus INSERT, UPDATE, DELETE on the guarded legacy
 *       tables, and for test-data cleanup DELETE on the tables that reference them through a NOT
 *       NULL key, UPDATE of the key column where it is nullable. The runtime role
 *       is its member without inheriting its rights: it has them only after {@code SET ROLE}.
 * </ul>
 *
 * Idempotent: it revokes what the two roles had on the schema's objects, then grants; role and
 * membership statements only run when something is missing, so a re-run needs no role rights.
 */
public final class DatabaseGrants {

    static final List<String> PROTECTED = List.of(
            "organizations_feature_flag", "organizations_feature_flag_change", "organizations_legacy_write_audit");
    static final List<String> ACCOUNTS = List.of("accounts_user", "user_profile_userprofile");
    static final String PROFILE_COUNTER = "user_profile_publicidcounter";
    static final List<String> FUNCTIONS = List.of(
            "deltacrown_change_flag(text, text, text, text, text, text)",
            "deltacrown_drop_env_flag(text, text, text, text)",
            "deltacrown_flag_enabled(text, boolean)");

    /**
     * @param runtimeRole the role the service serves as
     * @param runtimeOwnsSchema the runtime role is the owner (one-role set-up, the guard is
     *     advisory): only the shadow writer is set up, the owner's own rights are left alone
     * @param accountsManagedHere the service is the account system (embedded default)
     */
    public record Options(String runtimeRole, boolean runtimeOwnsSchema, boolean accountsManagedHere) {}

    private DatabaseGrants() {}

    /** The script for the database behind this connection (read from its catalog). */
    public static List<String> script(Connection connection, Options options) throws SQLException {
        return script(SchemaCatalog.read(connection), options);
    }

    /**
     * Runs the script in one transaction; nothing is granted if any statement fails. Instances
     * starting together take turns (catalog rows updated concurrently would fail one of them).
     */
    public static void apply(Connection owner, Options options) throws SQLException {
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement statement = owner.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('deltacrown_grants'))");
            for (String sql : script(owner, options)) {
                statement.execute(sql);
            }
            owner.commit();
        } catch (SQLException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
    }

    static List<String> script(SchemaCatalog catalog, Options options) {
        String runtime = role(options.runtimeRole());
        String schema = ident(catalog.schema());
        List<String> sql = new ArrayList<>(roles(catalog, options));
        String both = options.runtimeOwnsSchema() ? SHADOW_WRITER : runtime + ", " + SHADOW_WRITER;
        sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + both);
        // Not "ON ALL TABLES IN SCHEMA": that names objects other roles own too (SchemaCatalog.MANAGEABLE).
        for (String kind : List.of("TABLE", "SEQUENCE", "ROUTINE")) {
            List<String> objects = catalog.manageable(kind);
            if (!objects.isEmpty()) {
                sql.add("REVOKE ALL ON " + kind + " " + String.join(", ", objects) + " FROM " + both);
            }
        }

        List<String> organizations = catalog.named("organizations_").stream()
                .filter(name -> !PROTECTED.contains(name))
                .toList();
        List<String> protectedTables = existing(catalog, PROTECTED);
        List<String> accounts = existing(catalog, ACCOUNTS);
        List<String> legacy = catalog.named("teams_");
        List<String> guarded = existing(catalog, SchemaCatalog.GUARDED);
        List<SchemaCatalog.LegacyReference> references = catalog.legacyReferences().stream()
                .filter(reference -> !guarded.contains(reference.table()) && !organizations.contains(reference.table()))
                .toList();

        grant(sql, "SELECT, INSERT, UPDATE, DELETE", organizations, both);
        grant(sql, "SELECT", protectedTables, both);
        grant(sql, options.accountsManagedHere() ? "SELECT, INSERT" : "SELECT", accounts, both);
        // A profile's public id (DC-YY-NNNNNN) comes from Django's per-year counter, read and advanced
        // by whoever adds a profile (accounts/Profiles).
        grant(
                sql,
                options.accountsManagedHere() ? "SELECT, INSERT, UPDATE" : "SELECT",
                existing(catalog, List.of(PROFILE_COUNTER)),
                both);
        grant(sql, "SELECT", legacy, both);
        grant(sql, "INSERT, UPDATE, DELETE", guarded, SHADOW_WRITER);
        // What cleanup_test_data does to rows that reference a test team: delete them through a
        // NOT NULL key, unlink them through a nullable one (as Django's SET_NULL would).
        for (SchemaCatalog.LegacyReference reference : references) {
            String privilege = reference.required() ? "DELETE" : "UPDATE (" + ident(reference.column()) + ")";
            grant(sql, "SELECT, " + privilege, List.of(reference.table()), SHADOW_WRITER);
        }
        if (catalog.has("flyway_schema_history") && !options.runtimeOwnsSchema()) {
            grant(sql, "SELECT", List.of("flyway_schema_history"), runtime);
        }
        List<String> idTables = options.accountsManagedHere()
                ? Stream.of(organizations, accounts, existing(catalog, List.of(PROFILE_COUNTER)))
                        .flatMap(List::stream)
                        .toList()
                : organizations;
        grantSequences(sql, catalog.sequencesOf(idTables), both);
        // nextval() writes no row: seed_scale draws legacy ids ahead of its inserts as the runtime role.
        grantSequences(sql, catalog.sequencesOf(guarded), both);
        if (catalog.has("organizations_feature_flag")) {
            sql.add("GRANT EXECUTE ON FUNCTION " + String.join(", ", FUNCTIONS) + " TO " + both);
        }
        return sql;
    }

    /** Create the two NOLOGIN roles and make the runtime role a member of the shadow writer. */
    private static List<String> roles(SchemaCatalog catalog, Options options) {
        List<String> sql = new ArrayList<>();
        for (String role : List.of(SHADOW_WRITER, LEGACY_MAINTAINER)) {
            sql.add(doBlock("IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + literal(role)
                    + ") THEN CREATE ROLE " + role + " NOLOGIN; END IF;"));
        }
        String runtime = role(options.runtimeRole());
        String membership = "SELECT FROM pg_catalog.pg_auth_members a"
                + " JOIN pg_catalog.pg_roles r ON r.oid = a.roleid JOIN pg_catalog.pg_roles m ON m.oid = a.member"
                + " WHERE r.rolname = " + literal(SHADOW_WRITER) + " AND m.rolname = " + literal(options.runtimeRole());
        if (catalog.inheritancePerGrant()) {
            sql.add(doBlock("IF NOT EXISTS (" + membership + " AND a.set_option AND NOT a.inherit_option) THEN GRANT "
                    + SHADOW_WRITER + " TO " + runtime + " WITH INHERIT FALSE, SET TRUE; END IF;"));
        } else {
            sql.add(doBlock(
                    "IF NOT EXISTS (" + membership + ") THEN GRANT " + SHADOW_WRITER + " TO " + runtime + "; END IF;"));
            if (!options.runtimeOwnsSchema()) {
                // Before PostgreSQL 16 inheritance belongs to the member: without NOINHERIT the
                // runtime role would hold the shadow writer's rights without SET ROLE.
                sql.add(doBlock("IF (SELECT rolinherit FROM pg_catalog.pg_roles WHERE rolname = "
                        + literal(options.runtimeRole()) + ") THEN ALTER ROLE " + runtime + " NOINHERIT; END IF;"));
            }
        }
        return sql;
    }

    private static void grant(List<String> sql, String privileges, List<String> relations, String roles) {
        if (!relations.isEmpty()) {
            sql.add("GRANT " + privileges + " ON " + identList(relations) + " TO " + roles);
        }
    }

    private static void grantSequences(List<String> sql, List<String> sequences, String roles) {
        if (!sequences.isEmpty()) {
            sql.add("GRANT USAGE, SELECT ON SEQUENCE " + identList(sequences) + " TO " + roles);
        }
    }

    private static List<String> existing(SchemaCatalog catalog, List<String> names) {
        return names.stream().filter(catalog::has).toList();
    }

    private static String doBlock(String body) {
        return "DO $grants$ BEGIN " + body + " END $grants$";
    }

    private static String identList(List<String> names) {
        return names.stream().map(DatabaseGrants::ident).collect(Collectors.joining(", "));
    }

    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Role names are always quoted: a login role may be called {@code user}. */
    static String role(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
