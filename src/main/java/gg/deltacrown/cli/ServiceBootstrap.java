package gg.deltacrown.cli;

import gg.deltacrown.DeltacrownApplication;
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
 */
final class ServiceBootstrap implements AutoCloseable {

    enum Mode {
        SERVE,
        CLI
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
        return start(mode, settings, extraProperties, DatabaseTarget.resolve(settings), context -> {});
    }

    /**
     * Starts the context on a database already resolved; {@code created} sees the context as soon as
     * it exists, before it is refreshed (so a shutdown during start-up can close it).
     */
    static ServiceBootstrap start(
            Mode mode,
            Settings settings,
            Map<String, Object> extraProperties,
            DatabaseTarget database,
            Consumer<ConfigurableApplicationContext> created) {
        try {
            Map<String, Object> properties = new HashMap<>(extraProperties);
            properties.put("spring.datasource.url", database.url().jdbcUrl());
            if (database.url().username() != null) {
                properties.put("spring.datasource.username", database.url().username());
            }
            if (database.url().password() != null) {
                properties.put("spring.datasource.password", database.url().password());
            }
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
