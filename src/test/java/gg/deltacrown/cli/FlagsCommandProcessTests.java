package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ServiceProcess;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code flags} shows where this shell's environment differs from what the service applies. */
class FlagsCommandProcessTests {

    @Test
    void marksAVariableOfThisShellThatIsNotAppliedAndSaysHowToApplyIt() {
        CliDatabase database = CliDatabase.migrated("flags_env");
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("TEAM_VNEXT_DUAL_WRITE_ENABLED", "yes");
        env.put("TEAM_VNEXT_ADAPTER_ENABLED", "true");

        ServiceProcess.Streams flags = ServiceProcess.runSeparately(env, CliDatabase.CLI, "flags");

        assertThat(flags.exitCode()).as(flags.stderr()).isZero();
        assertThat(flags.stdout())
                .containsPattern(
                        "(?m)^TEAM_VNEXT_DUAL_WRITE_ENABLED=false \\(default\\)  <- this shell: true, not applied$")
                .containsPattern("(?m)^TEAM_VNEXT_ADAPTER_ENABLED=true \\(default\\)$")
                .contains("./deltacrown flags set TEAM_VNEXT_DUAL_WRITE_ENABLED true --reason");
        assertThat(flags.stderr()).as("no log lines by default").isEmpty();
        assertThat(new JdbcTemplate(database.dataSource())
                        .queryForObject("SELECT count(*) FROM organizations_feature_flag", Long.class))
                .as("flags only reads")
                .isZero();
    }

    @Test
    void logsWhatItDoesOnlyWhenAskedTo() {
        CliDatabase database = CliDatabase.migrated("flags_verbose");

        ServiceProcess.Streams verbose =
                ServiceProcess.runSeparately(database.environment(), CliDatabase.CLI, "flags", "--verbose");

        assertThat(verbose.exitCode()).as(verbose.stderr()).isZero();
        assertThat(verbose.stdout()).doesNotContain("level=");
        assertThat(verbose.stderr()).contains("level=INFO");
    }
}
