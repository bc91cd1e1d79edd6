package gg.deltacrown.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a database answers: the service's own (for {@code /health/}), or the one a command is
 * about to start on, so that the web and command-line layers never talk to the database themselves.
 */
@Component
public class DatabaseHealth {

    private final JdbcClient jdbc;

    DatabaseHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * True when a trivial query returns within a second, after a pooled connection came within the
     * pool's timeout ({@code DB_CONNECTION_TIMEOUT}): {@code /health/} answers within about two.
     */
    public boolean answers() {
        try {
            jdbc.sql("SELECT 1").withQueryTimeout(1).query(Integer.class).single();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Opens and closes one connection (5 s to connect, 10 s to log in).
     *
     * @throws SQLException when the server cannot be reached or refuses the login
     */
    /**
     * Whether a failed connection may succeed later without anyone changing anything: the server is
     * not there yet (SQLSTATE class 08) or is starting, stopping or recovering (57P01-57P03), not a
     * refused login, an unknown database or a bad URL.
     */
    public static boolean mayBecomeReachable(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    public static void checkReachable(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        if (url.username() != null) {
            properties.setProperty("user", url.username());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), properties)) {
            // reachable
        }
    }
}
