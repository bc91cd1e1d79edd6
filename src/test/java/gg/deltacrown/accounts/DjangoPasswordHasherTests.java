package gg.deltacrown.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors produced with Python's hashlib, as Django computes them:
 * {@code base64.b64encode(hashlib.pbkdf2_hmac('sha256', pw.encode(), salt.encode(), it))}.
 */
class DjangoPasswordHasherTests {

    private final DjangoPasswordHasher hasher = new DjangoPasswordHasher(1000);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "testpass|pbkdf2_sha256$600000$abcdefghijklmnopqrstuv$VYTZxwAnaq32pSL9eyX82A8kpNVF8/XpdalESAEPfPg=",
                "pässwörd ✓|pbkdf2_sha256$1000$SaltySalt123$5fZ186DuYDJzh93I1NOxqJRDij71O/N3Rvn8vuuGo+M=",
                "secret|pbkdf2_sha256$870000$NaCl$ARIx3odH9UEDvVG+fyKV4Rwsi0EZLwm+5LnxxuE1Hk4=",
            })
    void verifiesHashesMadeByDjango(String password, String djangoHash) {
        assertThat(hasher.matches(password, djangoHash)).isTrue();
        assertThat(hasher.matches(password + "x", djangoHash)).isFalse();
    }

    @Test
    void producesExactlyDjangosEncodingForAGivenSalt() {
        assertThat(DjangoPasswordHasher.encode("pässwörd ✓", "SaltySalt123", 1000))
                .isEqualTo("pbkdf2_sha256$1000$SaltySalt123$5fZ186DuYDJzh93I1NOxqJRDij71O/N3Rvn8vuuGo+M=");
    }

    @Test
    void createsVerifiableHashesWithARandomSaltAndTheConfiguredIterations() {
        String first = hasher.encode("testpass");
        String second = hasher.encode("testpass");

        assertThat(first).startsWith("pbkdf2_sha256$1000$").isNotEqualTo(second);
        assertThat(first.split("\\$")[2]).hasSize(22).matches("[A-Za-z0-9]+");
        assertThat(hasher.matches("testpass", first)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "!unusablePasswordMarker",
                "md5$salt$abcdef",
                "pbkdf2_sha256$notanumber$salt$AAAA",
                "pbkdf2_sha256$1000$$AAAA",
                "pbkdf2_sha256$1000$salt$%%%notbase64",
                "pbkdf2_sha256$1000$salt",
            })
    void neverMatchesMalformedOrForeignHashes(String stored) {
        assertThat(hasher.matches("anything", stored)).isFalse();
    }

    @Test
    void asksForAnUpgradeWhenAHashHasFewerIterationsThanConfigured() {
        assertThat(hasher.upgradeEncoding("pbkdf2_sha256$500$salt$AAAA")).isTrue();
        assertThat(hasher.upgradeEncoding("pbkdf2_sha256$1000$salt$AAAA")).isFalse();
    }
}
