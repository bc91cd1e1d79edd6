package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollback runbook's flag scenarios as one command each. */
class RollbackCommandProcessTests {

    private static final Duration CLI = Duration.ofSeconds(120);

    @Test
    void blockLegacyWritesTurnsDualWriteOffAndProvesTheGuardIsOn() {
        DatabaseUrl url = TestDatabase.instance().newDatabase("rollback_cli");
        Map<String, String> env = Map.of("DATABASE_URL", url.jdbcUrl() + "?user=" + url.username());

        ServiceProcess.Result result = ServiceProcess.run(
                env, CLI, "rollback", "block-legacy-writes", "--reason", "incident 42", "--by", "oncall");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("set TEAM_LEGACY_WRITE_BLOCKED=true", "set TEAM_VNEXT_DUAL_WRITE_ENABLED=false")
                .containsPattern("(?m)^TEAM_VNEXT_DUAL_WRITE_ENABLED=false \\(runtime by oncall at .+\\)$")
                .contains("database write guard: blocking legacy writes", "outbox: 0 pending, 0 blocked");
    }

    @Test
    void refusesAChangeWithoutAReasonAndAnUnknownStep() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");

        ServiceProcess.Result noReason = ServiceProcess.run(env, CLI, "rollback", "disable-dual-write");
        assertThat(noReason.exitCode()).isEqualTo(1);
        assertThat(noReason.output().strip()).isEqualTo("rollback: --reason is required for 'disable-dual-write'");

        ServiceProcess.Result unknown = ServiceProcess.run(env, CLI, "rollback", "panic", "--reason", "x");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("unknown step 'panic'");
    }
}
