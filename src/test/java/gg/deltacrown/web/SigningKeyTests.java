package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

    @TempDir
    Path dataDir;

    @Test
    void usesTheConfiguredSecretKeyAsIs() {
        String django = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123";

        SecretKey key = SigningKey.load(properties(django));

        assertThat(key.getEncoded()).isEqualTo(django.getBytes(StandardCharsets.UTF_8));
        assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(dataDir.resolve("secret_key")).doesNotExist();
    }

    @Test
    void generatesAKeyOnceAndKeepsItPrivateInTheDataDirectory() throws Exception {
        SecretKey first = SigningKey.load(properties(null));
        SecretKey second = SigningKey.load(properties(""));

        Path file = dataDir.resolve("secret_key");
        assertThat(first.getEncoded()).isEqualTo(second.getEncoded()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesAKeyTooShortForHs256() {
        assertThatThrownBy(() -> SigningKey.load(properties("short")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DELTACROWN_SECRET_KEY")
                .hasMessageContaining("at least 32 bytes");
    }

    private ApiProperties properties(String secret) {
        return new ApiProperties(secret, dataDir.resolve("secret_key"), null, null, null, null, null);
    }
}
