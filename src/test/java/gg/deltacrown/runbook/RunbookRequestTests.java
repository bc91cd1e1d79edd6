package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runbook's options are checked before anything runs, each refusal naming the option. */
class RunbookRequestTests {

    private static final URI BASE = URI.create("http://localhost:8000");

    @Test
    void refusesWhatWouldMakeAPhaseFailForAnotherReasonThanTheDualWrite() {
        assertThatThrownBy(() -> RunbookRequest.baseUrl("ftp://example.com", "--base-url"))
                .hasMessage(
                        "--base-url must be an http(s) URL such as http://localhost:8000 (got 'ftp://example.com')");
        assertThatThrownBy(() -> RunbookRequest.baseUrl("localhost:8000", "--instance"))
                .hasMessageStartingWith("--instance must be an http(s) URL");
        assertThatThrownBy(() -> request("", 1, Duration.ofSeconds(30), 20))
                .hasMessage("no password for 'testuser': pass --password or set RUNBOOK_PASSWORD");
        assertThatThrownBy(() -> request("secret", 999, Duration.ofSeconds(30), 20))
                .hasMessage("--game-id 999 is not a known game");
        assertThatThrownBy(() -> request("secret", 1, Duration.ZERO, 20))
                .hasMessage("--shadow-timeout must be positive (got 0)");
        assertThatThrownBy(() -> request("secret", 1, Duration.ofSeconds(30), -1))
                .isInstanceOf(RunbookFailedException.class)
                .hasMessage("--latency-samples must not be negative (got -1)");
    }

    @Test
    void defaultsToTheRunbooksArtifactTreeTheBaseUrlAsTheOnlyInstanceAndNoLogs() {
        RunbookRequest request = request("secret", 1, Duration.ofSeconds(30), 20);

        assertThat(request.baseUrl()).isEqualTo(RunbookRequest.baseUrl("http://localhost:8000/", "--base-url"));
        assertThat(request.instances()).containsExactly(BASE);
        assertThat(request.outDir().toString()).matches("artifacts/p5_t6/\\d{8}_\\d{6}");
        assertThat(request.logs()).isEqualTo(LogSource.NONE);
        assertThat(request.operator()).startsWith("cli:");
        assertThat(request.latency().isRunbooks()).isTrue();
    }

    private static RunbookRequest request(String password, int game, Duration timeout, int samples) {
        return new RunbookRequest(
                BASE,
                List.of(),
                "testuser",
                password,
                "testmember",
                game,
                "NA",
                (Path) null,
                timeout,
                new RunbookRequest.LatencyBudget(samples, 200, 500, 10),
                null,
                null,
                true,
                true,
                false,
                false,
                null,
                null);
    }
}
