package gg.deltacrown.support;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schema of a database as {@code pg_catalog} describes it, one entry per object, for comparing
 * two databases (or one before and after): every table, view and sequence, every column (type,
 * NOT NULL, default, identity, and optionally its position), constraint (definition, deferrability),
 * index, trigger and function. Keys name the object ({@code column teams_team.tag}); values are its
 * definition. Nothing is normalised away except what must be: owners and privileges (who runs the
 * service decides those) and internal OIDs.
 */
public final class Catalog {

    private static final String OBJECTS = """
            SELECT 'relation ' || c.relname, c.relkind::text || ' ' || c.relpersistence::text
              FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'S', 'p', 'm')
            UNION ALL
            SELECT 'column ' || c.relname || '.' || a.attname,
                   format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                   || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                   || CASE a.attidentity WHEN 'd' THEN ' IDENTITY BY DEFAULT' WHEN 'a' THEN ' IDENTITY ALWAYS' ELSE '' END
                   || CASE WHEN ? THEN ' #' || a.attnum ELSE '' END
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'p')
               AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'constraint ' || c.relname || '.' || k.conname,
                   pg_get_constraintdef(k.oid)
                   || CASE WHEN k.condeferrable THEN ' DEFERRABLE' ELSE '' END
                   || CASE WHEN k.condeferred THEN ' INITIALLY DEFERRED' ELSE '' END
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
             WHERE c.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT 'index ' || t.relname || '.' || i.relname, pg_get_indexdef(x.indexrelid)
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
             WHERE t.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT 'sequence ' || s.seqrelid::regclass::text,
                   format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                   || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache || ' cycle ' || s.seqcycle
                   || coalesce(' owned by ' || (SELECT c.relname || '.' || a.attname
                                                  FROM pg_depend dep
                                                  JOIN pg_class c ON c.oid = dep.refobjid
                                                  JOIN pg_attribute a ON a.attrelid = dep.refobjid
                                                                     AND a.attnum = dep.refobjsubid
                                                 WHERE dep.objid = s.seqrelid AND dep.classid = 'pg_class'::regclass
                                                   AND dep.refclassid = 'pg_class'::regclass
                                                   AND dep.deptype IN ('a', 'i')
                                                 LIMIT 1), '')
              FROM pg_sequence s
              JOIN pg_class sc ON sc.oid = s.seqrelid
             WHERE sc.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT 'trigger ' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
              FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure::text, md5(pg_get_functiondef(p.oid))
              FROM pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p')
            """;

    private Catalog() {}

    /** Every object of the current schema; {@code withColumnOrder}: a column's position is part of it. */
    public static Map<String, String> of(JdbcTemplate jdbc, boolean withColumnOrder) {
        Map<String, String> objects = new TreeMap<>();
        jdbc.query(
                OBJECTS,
                rs -> {
                    objects.put(rs.getString(1), rs.getString(2));
                },
                withColumnOrder);
        return objects;
    }

    /**
     * What {@code after} has on the tables of {@code before} that {@code before} has not (column
     * positions left out), {@code deltacrown_*} triggers aside: what a start added to those tables.
     */
    public static Map<String, String> addedToTablesOf(Map<String, String> after, Map<String, String> before) {
        Map<String, String> added = new TreeMap<>();
        after.forEach((key, definition) -> {
            String table = tableOf(key);
            if (!before.containsKey(key)
                    && before.containsKey("relation " + table)
                    && !key.startsWith("relation ")
                    && !key.startsWith("trigger " + table + ".deltacrown_")) {
                added.put(key, definition.replaceAll(" #\\d+$", ""));
            }
        });
        return added;
    }

    /** The entries of {@code catalog} for the objects {@code of} has. */
    public static Map<String, String> objectsOf(Map<String, String> catalog, Map<String, String> of) {
        Map<String, String> objects = new TreeMap<>(catalog);
        objects.keySet().retainAll(of.keySet());
        return objects;
    }

    /** The table an entry belongs to ({@code relation}, {@code column}, {@code constraint}, {@code index}, {@code trigger}). */
    public static String tableOf(String key) {
        String name = key.substring(key.indexOf(' ') + 1);
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
