package gg.deltacrown.flags;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The runbook's "set the variable and restart" path: serve applies explicit environment flags. */
@SpringBootTest(
        properties = {
            "deltacrown.mode=serve",
            "TEAM_VNEXT_DUAL_WRITE_ENABLED=true",
            "TEAM_VNEXT_LEGACY_WRITE_BLOCKED=on",
            "TEAM_VNEXT_ROUTING_MODE=auto",
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class EnvironmentFlagsAtStartupIntegrationTests {

    @Autowired
    Flags flags;

    @Test
    void appliesEveryExplicitlySetFlagAsAChangeFromTheEnvironment() {
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isTrue();
        assertThat(flags.state(Flag.DUAL_WRITE_ENABLED).describeSource()).isEqualTo("env");
        assertThat(flags.value(Flag.ROUTING_MODE)).isEqualTo("auto");
        assertThat(flags.state(Flag.LEGACY_WRITE_BLOCKED).describeSource()).isEqualTo("env");
        assertThat(flags.state(Flag.DUAL_WRITE_STRICT_MODE).describeSource()).isEqualTo("default");
        assertThat(flags.history(10)).extracting(FlagChange::changedBy).allMatch(by -> by.startsWith("env@"));
    }
}
