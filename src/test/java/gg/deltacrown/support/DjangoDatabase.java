package gg.deltacrown.support;

import gg.deltacrown.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.core.io.ClassPathResource;

/**
 * A DeltaCrown database as Django creates it: {@code src/test/resources/django} (the schema Django's
 * schema editor created from the original models, and the rows its ORM wrote), loaded as the role
 * Django's {@code migrate} runs as, which owns every table. The fixture is loaded once per JVM into
 * a template database; each caller gets a fresh copy of it.
 */
public final class DjangoDatabase {

    /** The role that owns Django's tables, as on a real DeltaCrown database. */
    public static final String OWNER = "django_owner";

    private static final String TEMPLATE = "dct_" + ProcessHandle.current().pid() + "_django_template";
    private static int copies;
    private static boolean loaded;

    private DjangoDatabase() {}

    /** A new database holding the fixture, owned by {@link #OWNER}; the URL connects as that role. */
    public static synchronized DatabaseUrl create(String purpose) {
        DatabaseUrl admin = TestDatabase.instance().admin();
        if (!loaded) {
            load(admin);
            loaded = true;
        }
        String name = ("dct_" + ProcessHandle.current().pid() + "_django_" + ++copies + "_" + purpose)
                .replaceAll("[^a-z0-9_]", "_");
        execute(admin, "CREATE DATABASE \"" + name + "\" TEMPLATE \"" + TEMPLATE + "\" OWNER " + OWNER);
        return new DatabaseUrl(on(admin, name).jdbcUrl(), OWNER, OWNER);
    }

    /** Runs SQL on that database as the server's administrator (a DBA's session). */
    public static void asAdministrator(DatabaseUrl database, String sql) {
        DatabaseUrl admin = TestDatabase.instance().admin();
        execute(new DatabaseUrl(database.jdbcUrl(), admin.username(), admin.password()), sql);
    }

    private static void load(DatabaseUrl admin) {
        execute(admin, """
                DO $$ BEGIN
                  CREATE ROLE %1$s LOGIN PASSWORD '%1$s';
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$""".formatted(OWNER));
        execute(admin, "CREATE DATABASE \"" + TEMPLATE + "\" OWNER " + OWNER);
        DatabaseUrl template = new DatabaseUrl(on(admin, TEMPLATE).jdbcUrl(), OWNER, OWNER);
        // One connection per file, as psql -f would: the dump empties its session's search_path.
        for (String file : new String[] {"deltacrown_django_schema.sql", "deltacrown_django_seed.sql"}) {
            try (Connection connection = TestDatabase.connect(template);
                    Statement statement = connection.createStatement()) {
                statement.execute(resource("django/" + file));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load the Django fixture's " + file, e);
            }
        }
    }

    private static DatabaseUrl on(DatabaseUrl admin, String database) {
        String base = admin.jdbcUrl();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        int query = base.indexOf('?', slash);
        return new DatabaseUrl(
                base.substring(0, slash + 1) + database + (query < 0 ? "" : base.substring(query)),
                admin.username(),
                admin.password());
    }

    private static void execute(DatabaseUrl url, String sql) {
        try (Connection connection = TestDatabase.connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on the test server: " + sql, e);
        }
    }

    private static String resource(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
