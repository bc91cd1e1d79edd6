package gg.deltacrown.flags;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flags from the environment belong to the environment: what {@code serve} does at each start-up
 * with the variables it is given (the start-up code, called as each start calls it).
 */
@IntegrationTest
class EnvironmentFlagsOwnershipIntegrationTests {

    private static final String WHO = "env@test-host";

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFlagSetByTheEnvironmentReturnsToItsDefaultWhenTheVariableIsGoneAtTheNextStart() {
        EnvironmentFlagsAtStartup.apply(flags, Map.of(Flag.DUAL_WRITE_STRICT_MODE, "true"), WHO);
        assertThat(flags.state(Flag.DUAL_WRITE_STRICT_MODE).describeSource()).isEqualTo("env");
        assertThat(flags.isOn(Flag.DUAL_WRITE_STRICT_MODE)).isTrue();

        EnvironmentFlagsAtStartup.apply(flags, Map.of(), WHO);

        FlagState state = flags.state(Flag.DUAL_WRITE_STRICT_MODE);
        assertThat(state.value()).isEqualTo("false");
        assertThat(state.describeSource()).isEqualTo("default");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM organizations_feature_flag WHERE name = 'TEAM_VNEXT_DUAL_WRITE_STRICT_MODE'",
                        Long.class))
                .isZero();
        FlagChange last = flags.history(1).get(0);
        assertThat(last.name()).isEqualTo("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE");
        assertThat(last.oldValue()).isEqualTo("true");
        assertThat(last.newValue()).isEqualTo("false");
        assertThat(last.source()).isEqualTo(FlagSource.DEFAULT);
        assertThat(last.changedBy()).isEqualTo(WHO);
        assertThat(last.reason()).contains("no longer set in the environment");
    }

    @Test
    void aRuntimeChangeStaysWhateverTheEnvironmentLacks() {
        EnvironmentFlagsAtStartup.apply(flags, Map.of(Flag.DUAL_WRITE_ENABLED, "true"), WHO);
        flags.change(Flag.DUAL_WRITE_ENABLED, "false", FlagSource.RUNTIME, "operator", "rollback scenario 1");
        flags.change(Flag.ROUTING_MODE, "auto", FlagSource.RUNTIME, "operator", "canary");

        EnvironmentFlagsAtStartup.apply(flags, Map.of(), WHO);

        assertThat(flags.state(Flag.DUAL_WRITE_ENABLED).source()).isEqualTo(FlagSource.RUNTIME);
        assertThat(flags.value(Flag.DUAL_WRITE_ENABLED)).isEqualTo("false");
        assertThat(flags.value(Flag.ROUTING_MODE)).isEqualTo("auto");
        assertThat(flags.history(5)).noneMatch(change -> change.source() == FlagSource.DEFAULT);
    }

    @Test
    void aStartWithTheSameVariablesChangesNothing() {
        EnvironmentFlagsAtStartup.apply(flags, Map.of(Flag.LEGACY_WRITE_BLOCKED, "false"), WHO);
        int changes = flags.history(50).size();

        EnvironmentFlagsAtStartup.apply(flags, Map.of(Flag.LEGACY_WRITE_BLOCKED, "false"), WHO);

        assertThat(flags.history(50)).hasSize(changes);
        assertThat(flags.state(Flag.LEGACY_WRITE_BLOCKED).describeSource()).isEqualTo("env");
    }
}
