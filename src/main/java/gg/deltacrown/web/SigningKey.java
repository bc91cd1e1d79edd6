package gg.deltacrown.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 key of the API's tokens: {@code DELTACROWN_SECRET_KEY} when set (its UTF-8 bytes, as
 * Django's SimpleJWT uses {@code SECRET_KEY}), otherwise a random key generated once and kept in
 * the data directory with mode 0600, so tokens stay valid across restarts and instances sharing
 * the directory.
 */
final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final int MIN_BYTES = 32;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)";

    private SigningKey() {}

    static SecretKey load(ApiProperties properties) {
        String configured = properties.secretKey();
        if (configured != null && !configured.isBlank()) {
            return key(configured, "DELTACROWN_SECRET_KEY");
        }
        return key(
                readOrCreate(properties.secretKeyFile()),
                properties.secretKeyFile().toString());
    }

    private static SecretKey key(String secret, String source) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("the secret key from " + source + " is too short for HS256: use at least "
                    + MIN_BYTES + " bytes (Django's SECRET_KEY has 50 characters)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }

    /** Written to a private temporary file, then hard-linked into place: racing instances agree on one key. */
    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(
                directory,
                ".secret_key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, randomSecret(), StandardCharsets.UTF_8);
            Files.createLink(file, temporary);
            log.atInfo()
                    .addKeyValue("event_type", "secret_key_generated")
                    .addKeyValue("path", file)
                    .log("Generated a token signing key (set DELTACROWN_SECRET_KEY to choose one)");
        } catch (FileAlreadyExistsException e) {
            // Another instance created it first: use theirs.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String randomSecret() {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(50);
        for (int i = 0; i < 50; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
