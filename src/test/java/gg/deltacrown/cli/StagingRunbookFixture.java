package gg.deltacrown.cli;

import gg.deltacrown.support.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the staging runbook's process tests share: {@code serve} on the embedded default in a data
 * directory of its own (demo logins testuser and testmember, as an operator's first run), the
 * runbook's environment on the same directory, and the database read as its superuser.
 */
final class StagingRunbookFixture {

    static final Duration START = Duration.ofMinutes(5);
    /** A safety net, not a timing: a command on this shared machine can take minutes to start. */
    static final Duration RUN = Duration.ofMinutes(5);

    private StagingRunbookFixture() {}

    static ServiceProcess serve(Path dataDir, int port, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("PORT", Integer.toString(port));
        environment.put("DELTACROWN_DATA_DIR", dataDir.toString());
        ServiceProcess service = ServiceProcess.start(environment, "serve");
        service.awaitOutput("DeltaCrown is running", START);
        service.awaitOutput("event_type=demo_data_seeded", START);
        return service;
    }

    /** A command on the same embedded database, with the demo owner's password for the runbook. */
    static Map<String, String> runbookEnvironment(Path dataDir) {
        return Map.of("DELTACROWN_DATA_DIR", dataDir.toString(), "RUNBOOK_PASSWORD", "testpass");
    }

    /**
     * The embedded server as its superuser: its port is in {@code postmaster.pid}, its password in
     * the data directory's {@code pgpass} (database/EmbeddedCredentials.java).
     */
    static JdbcTemplate jdbc(Path dataDir) {
        try {
            List<String> pid = Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid"));
            String url = "jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres";
            String password = Files.readAllLines(dataDir.resolve("pgpass")).stream()
                    .filter(line -> line.startsWith("*:*:*:postgres:"))
                    .map(line -> line.substring("*:*:*:postgres:".length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no postgres password in " + dataDir + "/pgpass"));
            return new JdbcTemplate(new DriverManagerDataSource(url, "postgres", password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String flag(JdbcTemplate jdbc, String name) {
        return jdbc
                .queryForList("SELECT value FROM organizations_feature_flag WHERE name = ?", String.class, name)
                .stream()
                .findFirst()
                .orElse("false");
    }

    /**
     * A stand-in for a dual-write that commits outside the request: when a team of a strict
     * failure is inserted, another connection (dblink) commits an outbox row for it, which
     * survives the request's rollback.
     */
    static void commitAnOutboxRowForEveryStrictFailure(JdbcTemplate jdbc) {
        String port = jdbc.queryForObject("SELECT current_setting('port')", String.class);
        String password = ((DriverManagerDataSource) jdbc.getDataSource()).getPassword();
        // Outside the service's schema: its grants (run at every start) revoke on every function in it.
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS test_outside");
        jdbc.execute("CREATE EXTENSION IF NOT EXISTS dblink SCHEMA test_outside");
        jdbc.execute("""
                CREATE FUNCTION test_outside.commit_despite_failure() RETURNS trigger LANGUAGE plpgsql
                SECURITY DEFINER SET search_path = public, test_outside AS $$
                BEGIN
                    PERFORM dblink_exec('host=localhost port=%s dbname=postgres user=postgres password=%s', format(
                        'INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, status, completed_at,'
                        || ' completed_by) VALUES (''sync_team_created'', %%s, ''DONE'', now(), ''outside'')', NEW.id));
                    RETURN NEW;
                END $$""".formatted(port, password));
        jdbc.execute("CREATE TRIGGER test_commit_despite_failure AFTER INSERT ON organizations_team FOR EACH ROW"
                + " WHEN (NEW.name LIKE '% strict fail') EXECUTE FUNCTION test_outside.commit_despite_failure()");
    }

    static void stopCommittingOutboxRows(JdbcTemplate jdbc) {
        jdbc.execute("DROP TRIGGER IF EXISTS test_commit_despite_failure ON organizations_team");
        jdbc.execute("DROP FUNCTION IF EXISTS test_outside.commit_despite_failure()");
    }
}
