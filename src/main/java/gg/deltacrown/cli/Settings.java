package gg.deltacrown.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

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

    /** How long {@code serve} waits for a database that does not accept connections yet (60 s; 0: not at all). */
    Duration databaseStartupWait() {
        String value = get("DATABASE_STARTUP_WAIT");
        if (value == null) {
            return Duration.ofSeconds(60);
        }
        try {
            Duration wait = DurationStyle.detectAndParse(value);
            if (wait.isNegative()) {
                throw new IllegalArgumentException();
            }
            return wait;
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid value '" + value
                    + "' for DATABASE_STARTUP_WAIT (expected a duration such as 60s, 2m or 0)");
        }
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
