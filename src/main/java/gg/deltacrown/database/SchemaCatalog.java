package gg.deltacrown.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the grants are computed from: the relations of the service's schema, the sequences behind
 * their ids, and the columns that reference a guarded legacy table.
 */
record SchemaCatalog(
        String schema,
        int serverVersion,
        Map<String, String> relations,
        Map<String, String> sequences,
        List<LegacyReference> legacyReferences,
        Map<String, List<String>> manageable) {

    /** A one-column foreign key to a guarded table; {@code required}: the column is NOT NULL. */
    record LegacyReference(String table, String column, boolean required) {}

    /** The legacy tables the write guard's triggers are on (V4). */
    static final List<String> GUARDED = List.of("teams_team", "teams_teammembership", "teams_ranking_breakdown");

    private static final String RELATIONS = """
            SELECT c.relname, c.relkind::text
              FROM pg_catalog.pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v')
            """;

    // Serial and identity sequences, with the table whose ids they give.
    private static final String SEQUENCES = """
            SELECT s.relname AS sequence, t.relname AS owner_table
              FROM pg_catalog.pg_class s
              JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid
                                         AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
              JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
             WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace
            """;

    private static final String LEGACY_REFERENCES = """
            SELECT DISTINCT child.relname, a.attname, a.attnotnull
              FROM pg_catalog.pg_constraint f
              JOIN pg_catalog.pg_class child ON child.oid = f.conrelid
              JOIN pg_catalog.pg_class parent ON parent.oid = f.confrelid
              JOIN pg_catalog.pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
             WHERE f.contype = 'f' AND array_length(f.conkey, 1) = 1
               AND parent.relnamespace = current_schema()::regnamespace
               AND child.relnamespace = current_schema()::regnamespace
               AND parent.relname = ANY(?)
             ORDER BY 1, 2
            """;

    /**
     * The schema's objects whose privileges this session may revoke: those owned by a role whose
     * privileges it has. A DBA, an extension (PostGIS's {@code spatial_ref_sys}, dblink's functions)
     * or Django's superuser may have put others there; REVOKE on one of those fails the whole script,
     * and the service never granted anything on them. Kind (TABLE, SEQUENCE, ROUTINE), then the
     * object as REVOKE names it.
     */
    private static final String MANAGEABLE = """
            SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, quote_ident(c.relname) AS name
              FROM pg_catalog.pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
               AND pg_catalog.pg_has_role(c.relowner, 'USAGE')
            UNION ALL
            SELECT 'ROUTINE', quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
              FROM pg_catalog.pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace AND pg_catalog.pg_has_role(p.proowner, 'USAGE')
             ORDER BY 1, 2
            """;

    static SchemaCatalog read(Connection connection) throws SQLException {
        String schema = single(connection, "SELECT current_schema()");
        int version = Integer.parseInt(single(connection, "SHOW server_version_num"));
        Map<String, String> relations = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RELATIONS);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                relations.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> sequences = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SEQUENCES);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sequences.put(rs.getString("sequence"), rs.getString("owner_table"));
            }
        }
        List<LegacyReference> references = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LEGACY_REFERENCES)) {
            statement.setArray(1, connection.createArrayOf("text", GUARDED.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    references.add(new LegacyReference(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        Map<String, List<String>> manageable = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(MANAGEABLE);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                manageable
                        .computeIfAbsent(rs.getString("kind"), kind -> new ArrayList<>())
                        .add(rs.getString("name"));
            }
        }
        return new SchemaCatalog(schema, version, relations, sequences, references, manageable);
    }

    /** Objects of this kind (TABLE, SEQUENCE, ROUTINE) whose privileges this session may revoke. */
    List<String> manageable(String kind) {
        return manageable.getOrDefault(kind, List.of());
    }

    boolean has(String relation) {
        return relations.containsKey(relation);
    }

    /** Relations whose name starts with the prefix, in name order. */
    List<String> named(String prefix) {
        return relations.keySet().stream()
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /** The sequences behind the ids of these tables. */
    List<String> sequencesOf(List<String> tables) {
        return sequences.entrySet().stream()
                .filter(entry -> tables.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** PostgreSQL 16 moved inheritance from the member role to each grant of a role. */
    boolean inheritancePerGrant() {
        return serverVersion >= 160000;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
