package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Python's format specifiers as the original report used them. */
class PythonFormatTests {

    @Test
    void roundsTheExactBinaryValueHalfToEvenAsPythonDoes() {
        assertThat(PythonFormat.fixed(0.125, 2)).isEqualTo("0.12"); // exact tie -> even
        assertThat(PythonFormat.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(PythonFormat.fixed(2.675, 2)).isEqualTo("2.67"); // 2.67499999... in binary
        assertThat(PythonFormat.fixed(100 - 66.67, 1)).isEqualTo("33.3");
        assertThat(PythonFormat.fixed(0, 2)).isEqualTo("0.00");
        assertThat(PythonFormat.round(2 / 3.0 * 100, 2)).isEqualTo(66.67);
    }

    @Test
    void signsLikePlusFormats() {
        assertThat(PythonFormat.signed(0)).isEqualTo("+0");
        assertThat(PythonFormat.signed(3)).isEqualTo("+3");
        assertThat(PythonFormat.signed(-2)).isEqualTo("-2");
        assertThat(PythonFormat.signedFixed(25.0, 2)).isEqualTo("+25.00");
        assertThat(PythonFormat.signedFixed(-0.5, 2)).isEqualTo("-0.50");
    }

    @Test
    void groupsThousandsAndPrintsBooleansAndFloatsLikeStr() {
        assertThat(PythonFormat.thousands(1234567)).isEqualTo("1,234,567");
        assertThat(PythonFormat.thousands(999)).isEqualTo("999");
        assertThat(PythonFormat.bool(true)).isEqualTo("True");
        assertThat(PythonFormat.number(0.5)).isEqualTo("0.5");
        assertThat(PythonFormat.number(12.0)).isEqualTo("12.0");
        assertThat(PythonFormat.number(0.01)).isEqualTo("0.01");
    }

    @Test
    void writesIsoformatWithOffsetAndMicrosecondsOnlyWhenThereAreAny() {
        assertThat(PythonFormat.isoTimestamp(OffsetDateTime.of(2026, 1, 25, 14, 6, 48, 715_523_999, ZoneOffset.UTC)))
                .isEqualTo("2026-01-25T14:06:48.715523+00:00");
        assertThat(PythonFormat.isoTimestamp(OffsetDateTime.of(2026, 1, 25, 16, 6, 48, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-01-25T14:06:48+00:00");
        assertThat(PythonFormat.isoTimestamp(OffsetDateTime.of(2026, 1, 25, 14, 6, 48, 120_000_000, ZoneOffset.UTC)))
                .isEqualTo("2026-01-25T14:06:48.120000+00:00");
    }
}
