package gg.deltacrown.cli;

import gg.deltacrown.DeltacrownApplication;
import gg.deltacrown.database.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application context for a command: the web server and background workers for
 * {@code serve}, only the data access for the other commands. Closing it stops the context and
 * then, if this process started it, the embedded PostgreSQL.
 *
 * <p>The context serves as the runtime role; Flyway and the grants run as the schema owner when
 * there is one (docs/adr/0020-database-roles-and-write-guard.md). A command that administers what
 * the runtime role may not touch (accounts) asks for {@link Role#OWNER}.
 */
final class ServiceBootstrap implements AutoCloseable {

    enum Mode {
        SERVE,
        CLI
    }

    /** The role the context's data access connects as. */
    enum Role {
        RUNTIME,
        /** The schema owner when one is known, else {@code DATABASE_URL}'s role. */
        OWNER
    }

    private final DatabaseTarget database;
    private final ConfigurableApplicationContext context;

    private ServiceBootstrap(DatabaseTarget database, ConfigurableApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    static ServiceBootstrap start(Mode mode, Settings settings) {
        return start(mode, settings, Map.of());
    }

    static ServiceBootstrap start(Mode mode, Settings settings, Map<String, Object> extraProperties) {
        return start(mode, settings, extraProperties, Role.RUNTIME);
    }

    static ServiceBootstrap start(Mode mode, Settings settings, Role role) {
        return start(mode, settings, Map.of(), role);
    }

    static ServiceBootstrap start(Mode mode, Settings settings, Map<String, Object> extraProperties, Role role) {
        return start(mode, settings, extraProperties, DatabaseTarget.resolve(settings), context -> {}, role);
    }

    /**
     * Starts the context on a database already resolved, as the runtime role; {@code created} sees
     * the context as soon as it exists, before it is refreshed (so a shutdown during start-up can
     * close it).
     */
    static ServiceBootstrap start(
            Mode mode,
            Settings settings,
            Map<String, Object> extraProperties,
            DatabaseTarget database,
            Consumer<ConfigurableApplicationContext> created) {
        return start(mode, settings, extraProperties, database, created, Role.RUNTIME);
    }

    private static ServiceBootstrap start(
            Mode mode,
            Settings settings,
            Map<String, Object> extraProperties,
            DatabaseTarget database,
            Consumer<ConfigurableApplicationContext> created,
            Role role) {
        try {
            Map<String, Object> properties = new HashMap<>(extraProperties);
            DatabaseUrl owner = database.ownerUrl();
            DatabaseUrl connection = role == Role.OWNER && owner != null ? owner : database.url();
            properties.putAll(connect("spring.datasource.", "username", connection));
            if (owner != null) {
                properties.putAll(connect("spring.flyway.", "user", owner));
            }
            if (database.url().username() != null) {
                properties.put(
                        "deltacrown.database.runtime-role", database.url().username());
            }
            // Where the service is the account system (no Django), it may add accounts.
            properties.put("deltacrown.database.accounts-managed-here", database.embedded());
            properties.put("deltacrown.mode", mode == Mode.SERVE ? "serve" : "cli");
            properties.put("deltacrown.data-dir", settings.dataDirectory().toString());
            properties.put("deltacrown.embedded-database", database.embedded());
            if (mode == Mode.CLI) {
                properties.putIfAbsent("spring.datasource.hikari.maximum-pool-size", 4);
                properties.put("spring.main.log-startup-info", false);
                // A tool's stderr shows warnings, not the framework's start-up (Main.logLevel).
                String level = System.getProperty("deltacrown.log.level", "WARN");
                properties.putIfAbsent("logging.level.root", level);
                properties.putIfAbsent("logging.level.gg.deltacrown", level);
            }
            // As command-line arguments: they must win over application.yml, default properties do not.
            String[] arguments = properties.entrySet().stream()
                    .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                    .toArray(String[]::new);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(
                            mode == Mode.SERVE ? DeltacrownApplication.class : CliApplication.class)
                    .web(mode == Mode.SERVE ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                    .registerShutdownHook(false)
                    .initializers(created::accept)
                    .run(arguments);
            return new ServiceBootstrap(database, context);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Map<String, Object> connect(String prefix, String userKey, DatabaseUrl url) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(prefix + "url", url.jdbcUrl());
        if (url.username() != null) {
            properties.put(prefix + userKey, url.username());
        }
        if (url.password() != null) {
            properties.put(prefix + "password", url.password());
        }
        return properties;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    boolean embeddedDatabase() {
        return database.embedded();
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            database.close();
        }
    }
}
