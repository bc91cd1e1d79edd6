package gg.deltacrown.cli;

import gg.deltacrown.database.DatabaseUrl;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.postgresql.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import sun.misc.Signal;

/**
 * {@code psql} on the service's database, as the service's own role: the runbooks' checks are SQL,
 * and the embedded PostgreSQL listens on a port of its choosing. The connection goes to psql in
 * its environment ({@code PGHOST}, {@code PGPASSWORD}...), never on its command line.
 */
@Command(
        name = "psql",
        description = {
            "Open psql on the service's database (the embedded one, or DATABASE_URL), as the service's role.",
            "Every other argument goes to psql, e.g. psql -c 'SELECT count(*) FROM organizations_team'.",
            "Without a running 'serve', the embedded PostgreSQL is started for the session and stopped after it."
        })
final class PsqlCommand implements Callable<Integer> {

    @Option(
            names = "--url",
            description = "Print the connection URL (postgresql://...) instead, for psql \"$(./deltacrown psql --url)\""
                    + " or another tool; needs a running 'serve' when the database is the embedded one.")
    boolean url;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Unmatched
    List<String> psqlArguments = new ArrayList<>();

    @Override
    public Integer call() {
        try (DatabaseTarget database = DatabaseTarget.resolve(Settings.fromEnvironment())) {
            if (url) {
                if (database.startedHere()) {
                    throw new CommandFailedException("the embedded PostgreSQL runs only while an instance does: start"
                            + " './deltacrown serve' first (or run './deltacrown psql', which starts it for the"
                            + " session)");
                }
                System.out.println(libpqUrl(database.url()));
                return 0;
            }
            return runPsql(database.url());
        }
    }

    private int runPsql(DatabaseUrl database) {
        List<String> command = new ArrayList<>();
        command.add("psql");
        command.addAll(psqlArguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(libpqEnvironment(database));
        // Ctrl-C belongs to psql (it cancels the query); this process waits, and stops a server it started.
        Signal.handle(new Signal("INT"), signal -> {});
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new CommandFailedException(
                    "cannot run psql (" + e.getMessage() + "); install it, e.g. apt-get install postgresql-client");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** libpq's variables for a JDBC URL: host, port, database, user, password and the URL's own options. */
    static Map<String, String> libpqEnvironment(DatabaseUrl database) {
        Properties parsed = parse(database);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGHOST", parsed.getProperty("PGHOST"));
        environment.put("PGPORT", parsed.getProperty("PGPORT"));
        environment.put("PGDATABASE", parsed.getProperty("PGDBNAME"));
        put(environment, "PGUSER", database.username() != null ? database.username() : parsed.getProperty("user"));
        put(
                environment,
                "PGPASSWORD",
                database.password() != null ? database.password() : parsed.getProperty("password"));
        put(environment, "PGSSLMODE", parsed.getProperty("sslmode"));
        environment.put("PGAPPNAME", "deltacrown-psql");
        return environment;
    }

    /** {@code postgresql://user:password@host:port/database[?sslmode=...]}, the form libpq and most tools take. */
    static String libpqUrl(DatabaseUrl database) {
        Map<String, String> environment = libpqEnvironment(database);
        StringBuilder url = new StringBuilder("postgresql://");
        if (environment.containsKey("PGUSER")) {
            url.append(encode(environment.get("PGUSER")));
            if (environment.containsKey("PGPASSWORD")) {
                url.append(':').append(encode(environment.get("PGPASSWORD")));
            }
            url.append('@');
        }
        url.append(
                        environment.get("PGHOST").contains(":")
                                ? "[" + environment.get("PGHOST") + "]"
                                : environment.get("PGHOST"))
                .append(':')
                .append(environment.get("PGPORT"))
                .append('/')
                .append(encode(environment.get("PGDATABASE")));
        if (environment.containsKey("PGSSLMODE")) {
            url.append("?sslmode=").append(encode(environment.get("PGSSLMODE")));
        }
        return url.toString();
    }

    private static Properties parse(DatabaseUrl database) {
        Properties parsed = Driver.parseURL(database.jdbcUrl(), new Properties());
        if (parsed == null) {
            throw new CommandFailedException("cannot read the database URL " + database.describe());
        }
        return parsed;
    }

    private static void put(Map<String, String> environment, String name, String value) {
        if (value != null && !value.isEmpty()) {
            environment.put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
