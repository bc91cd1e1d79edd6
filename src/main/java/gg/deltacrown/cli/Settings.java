package gg.deltacrown.cli;

import java.nio.file.Path;
import java.util.Map;

/** The process environment a command starts with (the README's configuration table). */
record Settings(Map<String, String> environment) {

    static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    String get(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String databaseUrl() {
        return get("DATABASE_URL");
    }

    /** The schema owner (Flyway, grants); the service itself runs as {@code DATABASE_URL}'s role. */
    String databaseOwnerUrl() {
        return get("DATABASE_OWNER_URL");
    }

    Path dataDirectory() {
        String value = get("DELTACROWN_DATA_DIR");
        return Path.of(value == null ? ".deltacrown" : value).toAbsolutePath().normalize();
    }

    int port() {
        String value = get("PORT");
        if (value == null) {
            return 8000;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupException("invalid value '" + value + "' for PORT (expected a port number 1-65535)");
        }
    }

    String logFormat() {
        String value = get("LOG_FORMAT");
        if (value == null) {
            return "logfmt";
        }
        if (!value.equals("logfmt") && !value.equals("json")) {
            throw new StartupException("invalid value '" + value + "' for LOG_FORMAT (expected logfmt or json)");
        }
        return value;
    }
}
