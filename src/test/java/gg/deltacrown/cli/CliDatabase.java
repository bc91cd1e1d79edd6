package gg.deltacrown.cli;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import gg.deltacrown.validation.MigrationFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own on the test server for commands run as separate processes: its
 * {@code DATABASE_URL}, a {@link MigrationFixture} on it, and the schema created by the service
 * itself (a first command run migrates it, as on an operator's machine).
 */
final class CliDatabase {

    static final Duration CLI = Duration.ofSeconds(120);

    private final DatabaseUrl url;

    private CliDatabase(DatabaseUrl url) {
        this.url = url;
    }

    static CliDatabase migrated(String purpose) {
        CliDatabase database = new CliDatabase(TestDatabase.instance().newDatabase(purpose));
        ServiceProcess.Result flags = ServiceProcess.run(database.environment(), CLI, "flags");
        if (flags.exitCode() != 0) {
            throw new IllegalStateException("cannot migrate the test database: " + flags.output());
        }
        return database;
    }

    /** The environment of a command on this database. */
    Map<String, String> environment() {
        String jdbc = url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user=" + url.username()
                + (url.password() == null ? "" : "&password=" + url.password());
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", jdbc);
        return environment;
    }

    DataSource dataSource() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                url.jdbcUrl(), url.username(), url.password() == null ? "" : url.password());
        return dataSource;
    }

    MigrationFixture fixture() {
        return new MigrationFixture(dataSource());
    }

    void flag(String name, String value) {
        ServiceProcess.Result set =
                ServiceProcess.run(environment(), CLI, "flags", "set", name, value, "--reason", "test");
        if (set.exitCode() != 0) {
            throw new IllegalStateException(set.output());
        }
    }
}
