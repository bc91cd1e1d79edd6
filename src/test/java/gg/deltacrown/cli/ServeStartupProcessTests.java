package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s start-up as scripts and orchestrators see it: readiness, and a signal mid-way. */
class ServeStartupProcessTests {

    private static final Duration START = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;

    @Test
    void isHealthyOnlyWhenTheDemoLoginsWork() {
        int port = ServiceProcess.freePort();
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "DELTACROWN_DATA_DIR", dataDir.toString());
        ApiClient api = new ApiClient(port);
        try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
            // As a script does: wait for health, then log in at once.
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(20)).until(() -> healthy(api));

            ApiClient.Reply login =
                    api.post("/api/auth/login/", "{\"username\":\"testuser\",\"password\":\"testpass\"}");

            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(api.get("/login", null).body())
                    .as("the login page lists the demo logins of the embedded default")
                    .contains("Demo logins", "testuser / testpass", "operator / operatorpass");
            serve.stop(Duration.ofSeconds(60));
        }
    }

    @Test
    void aSigtermWhileStartingStopsTheEmbeddedPostgres() {
        int port = ServiceProcess.freePort();
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "DELTACROWN_DATA_DIR", dataDir.toString());
        Path postmasterPid = dataDir.resolve("pgdata").resolve("postmaster.pid");
        try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
            // The server runs and the application context is still starting.
            Awaitility.await()
                    .atMost(START)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(postmasterPid));
            assertThat(serve.output()).doesNotContain("DeltaCrown is running");

            int code = serve.stop(Duration.ofSeconds(90));

            assertThat(code).isEqualTo(143);
        }
        assertThat(ServiceProcess.postgresProcessesOf(dataDir)).isEmpty();
        assertThat(postmasterPid).doesNotExist();
    }

    private static boolean healthy(ApiClient api) {
        try {
            return api.get("/health/", null).status() == 200;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }
}
