package gg.deltacrown.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentFlagsTests {

    @ParameterizedTest
    @CsvSource({
        "true,true",
        "TRUE,true",
        "1,true",
        "yes,true",
        " on ,true",
        "false,false",
        "0,false",
        "No,false",
        "off,false"
    })
    void acceptsTheUsualBooleanSpellings(String raw, String expected) {
        assertThat(EnvironmentFlags.read(Map.of("TEAM_VNEXT_DUAL_WRITE_ENABLED", raw)::get))
                .containsEntry(Flag.DUAL_WRITE_ENABLED, expected);
    }

    @Test
    void refusesAnythingElseAndNamesTheVariable() {
        assertThatThrownBy(() -> EnvironmentFlags.read(Map.of("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE", "maybe")::get))
                .isInstanceOf(InvalidFlagValueException.class)
                .hasMessage("invalid value 'maybe' for TEAM_VNEXT_DUAL_WRITE_STRICT_MODE"
                        + " (expected true/false, 1/0, yes/no or on/off)");
    }

    @Test
    void acceptsOnlyTheFourRoutingModes() {
        assertThat(EnvironmentFlags.read(Map.of("TEAM_VNEXT_ROUTING_MODE", "Vnext_Only")::get))
                .containsEntry(Flag.ROUTING_MODE, "vnext_only");
        assertThatThrownBy(() -> EnvironmentFlags.read(Map.of("TEAM_VNEXT_ROUTING_MODE", "vnext-primary")::get))
                .hasMessageContaining("TEAM_VNEXT_ROUTING_MODE")
                .hasMessageContaining("legacy_only, auto, vnext_primary, vnext_only");
    }

    @Test
    void readsTheRunbooksNameForLegacyWriteBlockingAsAnAlias() {
        assertThat(EnvironmentFlags.read(Map.of("TEAM_VNEXT_LEGACY_WRITE_BLOCKED", "false")::get))
                .containsEntry(Flag.LEGACY_WRITE_BLOCKED, "false");
    }

    @Test
    void refusesAFlagAndItsAliasSetToDifferentValues() {
        Map<String, String> env = Map.of("TEAM_LEGACY_WRITE_BLOCKED", "true", "TEAM_VNEXT_LEGACY_WRITE_BLOCKED", "off");

        assertThatThrownBy(() -> EnvironmentFlags.read(env::get)).hasMessageContaining("disagree");
    }

    @Test
    void namesTheAliasWhenOnlyTheAliasIsInvalid() {
        assertThatThrownBy(() -> EnvironmentFlags.read(Map.of("TEAM_VNEXT_LEGACY_WRITE_BLOCKED", "nope")::get))
                .hasMessageContaining("TEAM_VNEXT_LEGACY_WRITE_BLOCKED");
    }

    @Test
    void leavesUnsetFlagsOut() {
        assertThat(EnvironmentFlags.read(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void hasTheDefaultsOfTheRunbookAppendix() {
        assertThat(Flag.ADAPTER_ENABLED.defaultValue()).isEqualTo("true");
        assertThat(Flag.ROUTING_MODE.defaultValue()).isEqualTo("vnext_primary");
        assertThat(Flag.LEGACY_WRITE_BLOCKED.defaultValue()).isEqualTo("true");
        assertThat(Flag.DUAL_WRITE_ENABLED.defaultValue()).isEqualTo("false");
        assertThat(Flag.DUAL_WRITE_STRICT_MODE.defaultValue()).isEqualTo("false");
        assertThat(Flag.LEGACY_WRITE_BYPASS_ENABLED.defaultValue()).isEqualTo("false");
        assertThat(Flag.FORCE_LEGACY.defaultValue()).isEqualTo("false");
    }
}
