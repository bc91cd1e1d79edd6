package gg.deltacrown.accounts;

import gg.deltacrown.accounts.ProfileColumns.Column;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one writer of {@code user_profile_userprofile} rows (module API): {@code users create}, the
 * demo data, {@code seed_scale} and the tests all go through here, so every profile is the row
 * Django's model would have made ({@link ProfileColumns}), on Django's full table as on a smaller
 * one. A table with a required column this service cannot fill is refused before anything is
 * written.
 */
@Repository
public class Profiles {

    private static final String COLUMNS = """
            SELECT a.attname AS name,
                   a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' AS required
              FROM pg_attribute a
             WHERE a.attrelid = to_regclass('user_profile_userprofile') AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum
            """;

    private static final String HAS_COUNTER = "SELECT to_regclass('user_profile_publicidcounter') IS NOT NULL";

    /** This year's counter row, locked (Django's {@code select_for_update().get_or_create}). */
    private static final String CREATE_COUNTER = """
            INSERT INTO user_profile_publicidcounter (year, counter, created_at, updated_at)
            VALUES (extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100, 0, now(), now())
            ON CONFLICT (year) DO NOTHING
            """;

    private static final String LOCK_COUNTER = """
            SELECT year, counter FROM user_profile_publicidcounter
             WHERE year = extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100
               FOR UPDATE
            """;

    private static final String ADVANCE_COUNTER =
            "UPDATE user_profile_publicidcounter SET counter = :counter WHERE year = :year";

    private static final String COUNT = "SELECT count(*) FROM (%s) source";

    private static final String INSERT = """
            INSERT INTO user_profile_userprofile (%s)
            SELECT %s
              FROM (SELECT source.*, row_number() OVER (ORDER BY source.user_id) AS n,
                           coalesce(nullif(left(%s, 60), ''), 'user') AS slug_base
                      FROM (%s) source) s
            """;

    static final int MAX_PUBLIC_ID = 999_999;

    private final JdbcClient jdbc;

    /** Also for tools outside the application context (test fixtures): the caller provides the transaction. */
    public Profiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Refuses, with the columns named, a profile table this service cannot fill; call it before
     * writing anything else of a new account.
     */
    public void checkTable() {
        table();
    }

    /**
     * Adds one profile per row of {@code source}, an SQL query with the columns {@code user_id},
     * {@code display_name} (at most 80 characters) and {@code created_at}; returns how many.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int insert(String source, Map<String, ?> parameters) {
        List<String> columns = ProfileColumns.filled(table());
        Map<String, Object> values = new HashMap<>(parameters);
        boolean publicIds = columns.contains("public_id") && hasCounter();
        if (publicIds) {
            long rows = jdbc.sql(COUNT.formatted(source))
                    .params(parameters)
                    .query(Long.class)
                    .single();
            reservePublicIds(rows, values);
        }
        String select = columns.stream()
                .map(column -> column.equals("public_id") && !publicIds ? "NULL" : ProfileColumns.VALUES.get(column))
                .collect(Collectors.joining(",\n       "));
        String sql = INSERT.formatted(
                String.join(", ", columns), select, ProfileColumns.SLUGIFY.formatted("source.display_name"), source);
        return jdbc.sql(sql).params(values).update();
    }

    private void reservePublicIds(long rows, Map<String, Object> values) {
        jdbc.sql(CREATE_COUNTER).update();
        Map<String, Object> counter = jdbc.sql(LOCK_COUNTER).query().singleRow();
        int year = ((Number) counter.get("year")).intValue();
        long first = ((Number) counter.get("counter")).longValue() + 1;
        long last = Math.min(MAX_PUBLIC_ID, first + rows - 1);
        if (last >= first) {
            jdbc.sql(ADVANCE_COUNTER).param("counter", last).param("year", year).update();
        }
        values.put("publicIdYear", year);
        values.put("firstPublicId", first);
        values.put("lastPublicId", last);
    }

    private List<Column> table() {
        List<Column> table = jdbc.sql(COLUMNS)
                .query((rs, row) -> new Column(rs.getString("name"), rs.getBoolean("required")))
                .list();
        if (table.stream().noneMatch(column -> column.name().equals("user_id"))) {
            throw new UnsupportedProfileTableException(
                    "user_profile_userprofile does not exist or has no user_id column; nothing was created");
        }
        List<String> unknown = ProfileColumns.unknownRequired(table);
        if (!unknown.isEmpty()) {
            throw new UnsupportedProfileTableException("user_profile_userprofile has NOT NULL column(s) without a"
                    + " default that this service does not know how to fill: " + String.join(", ", unknown)
                    + "; nothing was created. Create the account with Django (python manage.py createsuperuser),"
                    + " or give those columns a database default");
        }
        return table;
    }

    private boolean hasCounter() {
        return Boolean.TRUE.equals(jdbc.sql(HAS_COUNTER).query(Boolean.class).single());
    }
}
