package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.VnextWrites;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pre-flight refuses, before it changes anything (no flag, no artifact directory), what would make a
 * phase fail for a reason that is not the dual-write's: against this test's own running service.
 */
@IntegrationTest
class StagingRunbookPreflightIntegrationTests {

    @Autowired
    StagingRunbook runbook;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    @LocalServerPort
    int port;

    @TempDir
    Path artifacts;

    final List<String> out = new ArrayList<>();

    @Test
    void anUnreachableServiceIsRefusedBeforeAnythingChanges() {
        RunbookRequest request = request(URI.create("http://localhost:" + ServiceProcess.freePort()));

        assertThatThrownBy(() -> runbook.run(request, out::add))
                .isInstanceOf(RunbookFailedException.class)
                .hasMessageStartingWith("cannot reach the service at http://localhost:");
        assertUnchanged(request);
    }

    @Test
    void anOwnerWhoseFlowOneWouldGet409IsRefused() {
        vnext.user("testmember");
        vnext.createTeam(vnext.user("testuser"), "Earlier Test Team", 1, "NA");
        RunbookRequest request = request(URI.create("http://localhost:" + port));

        assertThatThrownBy(() -> runbook.run(request, out::add))
                .isInstanceOf(RunbookFailedException.class)
                .hasMessage("'testuser' already owns the active independent team 'earlier-test-team' for game 1, so"
                        + " Flow 1 would get 409; pass another --game-id or remove earlier test teams"
                        + " (./deltacrown cleanup_test_data --yes)");
        assertUnchanged(request);
    }

    @Test
    void strictModeOnIsRefused() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict");
        RunbookRequest request = request(URI.create("http://localhost:" + port));

        assertThatThrownBy(() -> runbook.run(request, out::add))
                .hasMessageStartingWith("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE is on; the runbook tests non-strict");
        assertThat(request.outDir()).doesNotExist();
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isFalse();
    }

    private void assertUnchanged(RunbookRequest request) {
        assertThat(request.outDir()).doesNotExist();
        assertThat(flags.state(Flag.DUAL_WRITE_ENABLED).source()).isEqualTo(FlagSource.DEFAULT);
        assertThat(flags.state(Flag.DUAL_WRITE_STRICT_MODE).source()).isEqualTo(FlagSource.DEFAULT);
    }

    private RunbookRequest request(URI base) {
        return new RunbookRequest(
                base,
                List.of(),
                "testuser",
                "password1",
                "testmember",
                1,
                "NA",
                artifacts.resolve("run"),
                Duration.ofSeconds(5),
                RunbookRequest.LatencyBudget.RUNBOOK,
                null,
                null,
                false,
                false,
                false,
                false,
                "test",
                null);
    }
}
