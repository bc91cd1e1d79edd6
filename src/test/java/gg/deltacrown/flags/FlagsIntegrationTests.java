package gg.deltacrown.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.support.IntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class FlagsIntegrationTests {

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsFromTheDefaults() {
        assertThat(flags.all()).allSatisfy(state -> {
            assertThat(state.source().value()).isEqualTo("default");
            assertThat(state.value()).isEqualTo(state.flag().defaultValue());
        });
        assertThat(flags.state(Flag.LEGACY_WRITE_BLOCKED).describeSource()).isEqualTo("default");
    }

    @Test
    void storesARuntimeChangeWithWhoWhenAndWhyAndAuditsIt() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "yes", FlagSource.RUNTIME, "alice", "staging test");

        FlagState state = flags.state(Flag.DUAL_WRITE_ENABLED);
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isTrue();
        assertThat(state.describeSource()).startsWith("runtime by alice at ");
        assertThat(flags.history(5)).first().satisfies(change -> {
            assertThat(change.name()).isEqualTo("TEAM_VNEXT_DUAL_WRITE_ENABLED");
            assertThat(change.oldValue()).isEqualTo("false");
            assertThat(change.newValue()).isEqualTo("true");
            assertThat(change.reason()).isEqualTo("staging test");
        });
    }

    @Test
    void refusesAnInvalidValueAndChangesNothing() {
        assertThatThrownBy(() -> flags.change(Flag.ROUTING_MODE, "sideways", FlagSource.RUNTIME, "alice", ""))
                .isInstanceOf(InvalidFlagValueException.class);

        assertThat(flags.value(Flag.ROUTING_MODE)).isEqualTo("vnext_primary");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_feature_flag_change", Integer.class))
                .isZero();
    }

    @Test
    void seesAChangeMadeElsewhereWithinASecond() {
        // Another instance (or an operator in psql) changes the stored flag, through the function
        // that is the only way the service's role may change one.
        jdbc.queryForObject(
                "SELECT deltacrown_change_flag('TEAM_VNEXT_DUAL_WRITE_STRICT_MODE', 'true', 'false', 'runtime',"
                        + " 'psql', 'raw sql')",
                Boolean.class);

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> flags.isOn(Flag.DUAL_WRITE_STRICT_MODE));
    }

    @Test
    void appliesAnEnvironmentValueOnlyWhenItChangesSomething() {
        assertThat(flags.change(Flag.FORCE_LEGACY, "true", FlagSource.ENV, "env@host", "start-up"))
                .isTrue();
        assertThat(flags.change(Flag.FORCE_LEGACY, "1", FlagSource.ENV, "env@host", "start-up"))
                .isFalse();

        assertThat(flags.state(Flag.FORCE_LEGACY).describeSource()).isEqualTo("env");
        assertThat(flags.history(10)).hasSize(1);
    }

    @Test
    void theDatabaseGuardReadsTheSameFlags() {
        assertThat(jdbc.queryForObject(
                        "SELECT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true)", Boolean.class))
                .isTrue();
        flags.change(Flag.LEGACY_WRITE_BLOCKED, "off", FlagSource.RUNTIME, "alice", "maintenance");

        assertThat(jdbc.queryForObject(
                        "SELECT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true)", Boolean.class))
                .isFalse();
    }
}
