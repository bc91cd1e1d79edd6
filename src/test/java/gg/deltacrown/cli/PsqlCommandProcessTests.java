package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./deltacrown psql}: the runbook's SQL on the service's database, as the service's role. */
class PsqlCommandProcessTests {

    private static final Duration CLI = Duration.ofSeconds(120);

    @Test
    void runsPsqlAsTheServicesRoleAndPassesItsArgumentsAndExitCodeThrough() {
        Map<String, String> env = appRole("psql_cli");

        ServiceProcess.Streams query = ServiceProcess.runSeparately(
                env,
                CLI,
                "psql",
                "-At",
                "-c",
                "SELECT current_user || ' ' || application_name FROM pg_stat_activity"
                        + " WHERE pid = pg_backend_pid()");
        assertThat(query.exitCode()).as(query.stderr()).isZero();
        assertThat(query.stdout().strip()).isEqualTo(TestDatabase.APP_ROLE + " deltacrown-psql");

        ServiceProcess.Streams failing = ServiceProcess.runSeparately(env, CLI, "psql", "-c", "SELECT 1/0");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.stderr()).contains("division by zero");
    }

    @Test
    void printsAUrlThatPsqlItselfAccepts() throws Exception {
        Map<String, String> env = appRole("psql_url");

        ServiceProcess.Streams url = ServiceProcess.runSeparately(env, CLI, "psql", "--url");

        assertThat(url.exitCode()).as(url.stderr()).isZero();
        String printed = url.stdout().strip();
        assertThat(printed).startsWith("postgresql://" + TestDatabase.APP_ROLE + ":" + TestDatabase.APP_ROLE + "@");
        Process psql = new ProcessBuilder("psql", printed, "-At", "-c", "SELECT current_user")
                .redirectErrorStream(true)
                .start();
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(TestDatabase.APP_ROLE);
    }

    @Test
    void startsTheEmbeddedDatabaseForTheSessionAndStopsItAfter(@TempDir Path dataDir) throws IOException {
        Map<String, String> env = Map.of("DELTACROWN_DATA_DIR", dataDir.toString());

        ServiceProcess.Streams query = ServiceProcess.runSeparately(env, CLI, "psql", "-At", "-c", "SELECT 40 + 2");
        assertThat(query.exitCode()).as(query.stderr()).isZero();
        assertThat(query.stdout().strip()).isEqualTo("42");
        assertThat(Files.exists(dataDir.resolve("pgdata").resolve("postmaster.pid")))
                .as("the server started for the session is stopped with it")
                .isFalse();

        ServiceProcess.Streams url = ServiceProcess.runSeparately(env, CLI, "psql", "--url");
        assertThat(url.exitCode()).isEqualTo(1);
        assertThat(url.stdout()).isEmpty();
        assertThat(url.stderr()).contains("start './deltacrown serve' first");
    }

    private static Map<String, String> appRole(String purpose) {
        DatabaseUrl url = TestDatabase.asAppRole(TestDatabase.instance().newDatabase(purpose));
        return Map.of("DATABASE_URL", url.jdbcUrl() + "?user=" + url.username() + "&password=" + url.password());
    }
}
