package gg.deltacrown.support;

import gg.deltacrown.database.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL the tests run against: {@code TEST_DATABASE_URL} when set (a superuser URL of a
 * server the tests may create databases on), else one embedded PostgreSQL 17 per test JVM.
 * Every caller of {@link #newDatabase} gets its own empty database on that server.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabase instance;

    private final DatabaseUrl admin;
    private final String prefix = "dct_" + ProcessHandle.current().pid() + "_";

    /** The non-superuser role the service runs as in tests, as it would in production. */
    public static final String APP_ROLE = "deltacrown_app";

    /**
     * Another client of the legacy tables, as Django's app is: DML on every {@code teams_*} table
     * (see {@link #grantDjangoRole}), nothing of the service's roles.
     */
    public static final String DJANGO_ROLE = "django_app";

    private TestDatabase(DatabaseUrl admin) {
        this.admin = admin;
        createAppRole();
    }

    private void createAppRole() {
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement()) {
            for (String role : new String[] {APP_ROLE, DJANGO_ROLE}) {
                statement.execute("""
                        DO $$ BEGIN
                          CREATE ROLE %1$s LOGIN PASSWORD '%1$s';
                        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                        END $$""".formatted(role));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test application roles", e);
        }
    }

    /** The same database, connecting as the application role. */
    public static DatabaseUrl asAppRole(DatabaseUrl url) {
        return new DatabaseUrl(url.jdbcUrl(), APP_ROLE, APP_ROLE);
    }

    /** The same database, connecting as the Django role. */
    public static DatabaseUrl asDjangoRole(DatabaseUrl url) {
        return new DatabaseUrl(url.jdbcUrl(), DJANGO_ROLE, DJANGO_ROLE);
    }

    /**
     * A connection pool of the Django role on the database of a test context, given what Django's app
     * has on the legacy tables first (by the context's database owner).
     */
    public static DataSource djangoDataSource(Environment environment, DataSource service) {
        try (Connection owner = DatabaseOwner.dataSource(environment, service).getConnection()) {
            grantDjangoRole(owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the Django role", e);
        }
        DatabaseUrl django =
                asDjangoRole(new DatabaseUrl(environment.getProperty("spring.datasource.url"), null, null));
        return new DriverManagerDataSource(django.jdbcUrl(), django.username(), django.password());
    }

    /** Gives the Django role what Django's app has on the legacy tables, as the database owner. */
    public static void grantDjangoRole(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("""
                    DO $$ DECLARE t text;
                    BEGIN
                      EXECUTE 'GRANT USAGE ON SCHEMA ' || quote_ident(current_schema()) || ' TO %1$s';
                      FOR t IN SELECT tablename FROM pg_tables
                                WHERE schemaname = current_schema() AND tablename LIKE 'teams\\_%%' LOOP
                        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %%I TO %1$s', t);
                      END LOOP;
                      EXECUTE 'GRANT SELECT ON user_profile_userprofile TO %1$s';
                      EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA ' || quote_ident(current_schema())
                              || ' TO %1$s';
                    END $$""".formatted(DJANGO_ROLE));
        }
    }

    public static synchronized TestDatabase instance() {
        if (instance == null) {
            String external = System.getenv("TEST_DATABASE_URL");
            instance = new TestDatabase(
                    external == null || external.isBlank() ? startEmbedded() : DatabaseUrl.parse(external));
        }
        return instance;
    }

    private static DatabaseUrl startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .start();
            return new DatabaseUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        }
    }

    /** A new, empty database on the test server. */
    public DatabaseUrl newDatabase(String purpose) {
        String name = prefix + COUNTER.incrementAndGet() + "_"
                + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        String base = admin.jdbcUrl();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        int query = base.indexOf('?', slash);
        String url = base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
        return new DatabaseUrl(url, admin.username(), admin.password());
    }

    public DatabaseUrl admin() {
        return admin;
    }

    public static Connection connect(DatabaseUrl url) throws SQLException {
        return url.connect();
    }
}
