package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.Postgres15;
import gg.deltacrown.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a separate process, as the README runs it: embedded default with persistent
 * data, no orphaned postgres after a kill, an external server by DATABASE_URL.
 */
class ServeProcessTests {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final Duration CLI = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void servesHealthOnTheEmbeddedDefaultAndKeepsItsDataAcrossARestart() throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "DELTACROWN_DATA_DIR", dataDir.toString());

        try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
            serve.awaitOutput("DeltaCrown is running on http://localhost:" + port, START);
            assertThat(get(port, "/health/")).isEqualTo("200 {\"status\":\"healthy\"}");
            assertThat(serve.output()).contains("Demo logins (embedded database only): testuser / testpass");
            serve.awaitOutput("event_type=demo_data_seeded", START);

            // A tool started while the service runs attaches to the same embedded server.
            ServiceProcess.Result set = ServiceProcess.run(
                    env,
                    CLI,
                    "flags",
                    "set",
                    "TEAM_VNEXT_DUAL_WRITE_ENABLED",
                    "on",
                    "--reason",
                    "restart test",
                    "--by",
                    "tester");
            assertThat(set.exitCode()).as(set.output()).isZero();
            // SIGTERM: the JVM reports 143 (128 + 15) after the shutdown hook has stopped everything.
            assertThat(serve.stop(STOP)).isIn(0, 143);
            assertThat(serve.output()).contains("Graceful shutdown complete", "event_type=embedded_postgres_stopped");
        }
        assertThat(ServiceProcess.postgresProcessesOf(dataDir)).isEmpty();

        Map<String, String> withStrictMode = new HashMap<>(env);
        withStrictMode.put("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE", "on");
        try (ServiceProcess again = ServiceProcess.start(withStrictMode, "serve")) {
            again.awaitOutput("DeltaCrown is running", START);
            ServiceProcess.Result flags = ServiceProcess.run(env, CLI, "flags");
            assertThat(flags.output())
                    .containsPattern("(?m)^TEAM_VNEXT_DUAL_WRITE_ENABLED=true \\(runtime by tester at .+\\)$");
            assertThat(flags.output()).containsPattern("(?m)^TEAM_VNEXT_DUAL_WRITE_STRICT_MODE=true \\(env\\)$");
            assertThat(again.output()).doesNotContain("demo_data_seeded");
            again.stop(STOP);
        }
    }

    @Test
    void stopsThePostgresOrphanedByAKilledInstanceBeforeStartingAgain() throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "DELTACROWN_DATA_DIR", dataDir.toString());
        long orphan;
        try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
            serve.awaitOutput("DeltaCrown is running", START);
            orphan = postmasterPid(dataDir);
            serve.kill();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("postgres survives kill -9")
                .contains(true);

        try (ServiceProcess again = ServiceProcess.start(env, "serve")) {
            again.awaitOutput("DeltaCrown is running", START);
            assertThat(again.output()).contains("embedded_postgres_orphan_stopped");
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(ServiceProcess.postgresProcessesOf(dataDir)).hasSize(1);
            assertThat(get(port, "/health/")).isEqualTo("200 {\"status\":\"healthy\"}");
            again.stop(STOP);
        }
        assertThat(ServiceProcess.postgresProcessesOf(dataDir)).isEmpty();
    }

    @Test
    void usesTheServerGivenByDatabaseUrlAndStartsNoEmbeddedOne() throws Exception {
        try (Postgres15 postgres = Postgres15.start()) {
            int port = ServiceProcess.freePort();
            Map<String, String> env = Map.of(
                    "PORT",
                    Integer.toString(port),
                    "DELTACROWN_DATA_DIR",
                    dataDir.toString(),
                    "DATABASE_URL",
                    postgres.url());
            try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
                serve.awaitOutput("DeltaCrown is running on http://localhost:" + port + ".* using DATABASE_URL", START);
                assertThat(get(port, "/health/")).isEqualTo("200 {\"status\":\"healthy\"}");
                assertThat(serve.output()).doesNotContain("Demo logins");
                serve.stop(STOP);
            }
            assertThat(Files.exists(dataDir.resolve("pgdata"))).isFalse();
        }
    }

    @Test
    void refusesAnInvalidFlagWithOneLineNamingTheVariable() {
        ServiceProcess.Result result = ServiceProcess.run(
                Map.of("TEAM_VNEXT_DUAL_WRITE_ENABLED", "maybe", "DELTACROWN_DATA_DIR", dataDir.toString()),
                CLI,
                "serve");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().strip())
                .isEqualTo("serve: invalid value 'maybe' for TEAM_VNEXT_DUAL_WRITE_ENABLED"
                        + " (expected true/false, 1/0, yes/no or on/off)");
    }

    @Test
    void refusesAnUnreachableDatabaseWithOneClearLine() {
        int closedPort = ServiceProcess.freePort();
        ServiceProcess.Result result = serveOnClosedPort(closedPort, "0");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().strip())
                .startsWith("serve: cannot connect to the database jdbc:postgresql://127.0.0.1:" + closedPort)
                .doesNotContain("secret")
                .doesNotContain("\tat ")
                .hasLineCount(1);
    }

    @Test
    void waitsForADatabaseThatIsNotUpYetAndServesOnceItIs() throws Exception {
        try (Postgres15 postgres = Postgres15.start()) {
            postgres.stop();
            int port = ServiceProcess.freePort();
            Map<String, String> env = Map.of(
                    "PORT",
                    Integer.toString(port),
                    "DELTACROWN_DATA_DIR",
                    dataDir.toString(),
                    "DATABASE_URL",
                    postgres.url(),
                    "DATABASE_STARTUP_WAIT",
                    "5m");
            try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
                serve.awaitOutput("event_type=database_unavailable_at_startup .*sqlstate=08", START);
                assertThat(serve.isAlive()).isTrue();
                postgres.startAgain();
                serve.awaitOutput("DeltaCrown is running on http://localhost:" + port + ".* using DATABASE_URL", START);
                assertThat(serve.output()).containsPattern("event_type=database_available .*attempts=\\d+");
                assertThat(get(port, "/health/")).isEqualTo("200 {\"status\":\"healthy\"}");
                serve.stop(STOP);
            }
        }
    }

    @Test
    void givesUpWaitingForTheDatabaseAfterDatabaseStartupWaitWithOneClearLine() {
        int closedPort = ServiceProcess.freePort();
        ServiceProcess.Result result = serveOnClosedPort(closedPort, "2s");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("event_type=database_unavailable_at_startup")
                .doesNotContain("secret");
        assertThat(result.output()
                        .strip()
                        .lines()
                        .reduce((first, second) -> second)
                        .orElseThrow())
                .startsWith("serve: cannot connect to the database jdbc:postgresql://127.0.0.1:" + closedPort)
                .containsPattern("\\(waited [23] s; DATABASE_STARTUP_WAIT sets how long\\)$");
    }

    @Test
    void refusesAnInvalidDatabaseStartupWaitWithOneLineNamingTheVariable() {
        ServiceProcess.Result result = ServiceProcess.run(
                Map.of(
                        "DATABASE_URL",
                        "postgres://app@127.0.0.1:" + ServiceProcess.freePort() + "/deltacrown",
                        "DATABASE_STARTUP_WAIT",
                        "soon"),
                CLI,
                "serve");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().strip())
                .isEqualTo("serve: invalid value 'soon' for DATABASE_STARTUP_WAIT"
                        + " (expected a duration such as 60s, 2m or 0)");
    }

    @Test
    void refusesABusyPortWithOneClearLine() throws IOException {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            ServiceProcess.Result result = ServiceProcess.run(
                    Map.of("PORT", Integer.toString(busy.getLocalPort()), "DELTACROWN_DATA_DIR", dataDir.toString()),
                    CLI,
                    "serve");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output().strip())
                    .isEqualTo("serve: port " + busy.getLocalPort()
                            + " is already in use; stop the other process or set PORT to a free port");
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid"))
                .get(0)
                .trim());
    }

    /** {@code serve} against a port nobody listens on, with this DATABASE_STARTUP_WAIT. */
    private static ServiceProcess.Result serveOnClosedPort(int closedPort, String startupWait) {
        return ServiceProcess.run(
                Map.of(
                        "DATABASE_URL",
                        "postgres://app:secret@127.0.0.1:" + closedPort + "/deltacrown",
                        "DATABASE_STARTUP_WAIT",
                        startupWait,
                        "PORT",
                        Integer.toString(ServiceProcess.freePort())),
                CLI,
                "serve");
    }
}
