package gg.deltacrown.accounts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Django's default password hasher, {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}, so
 * accounts created by Django log in here and accounts created here log in to Django.
 *
 * <p>The JDK's PBKDF2WithHmacSHA256 does the hashing; this class only reads and writes Django's
 * format. A hash with another algorithm prefix (or an unusable {@code !} password) never matches,
 * after the same work as a usable one.
 */
public final class DjangoPasswordHasher implements PasswordEncoder {

    private static final String ALGORITHM = "pbkdf2_sha256";
    private static final String SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SALT_LENGTH = 22;
    private static final String UNUSABLE_SALT = "unusable-password-work";

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public DjangoPasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encode(rawPassword.toString(), newSalt(), iterations);
    }

    static String encode(String password, String salt, int iterations) {
        if (salt.isEmpty() || salt.contains("$")) {
            throw new IllegalArgumentException("salt must be non-empty and must not contain '$'");
        }
        return ALGORITHM + "$" + iterations + "$" + salt + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, iterations));
    }

    /**
     * A hash this class cannot verify (another algorithm, Django's unusable {@code !} password, a
     * malformed value) never matches, but only after the same hashing as a real one: how long a
     * login takes must not tell which accounts have a usable password.
     */
    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null) {
            return false;
        }
        String[] parts = encodedPassword == null ? new String[0] : encodedPassword.split("\\$", -1);
        int storedIterations = 0;
        byte[] expected = null;
        if (parts.length == 4 && ALGORITHM.equals(parts[0]) && !parts[2].isEmpty()) {
            try {
                storedIterations = Integer.parseInt(parts[1]);
                expected = Base64.getDecoder().decode(parts[3]);
            } catch (IllegalArgumentException e) {
                expected = null;
            }
        }
        if (expected == null || storedIterations < 1) {
            pbkdf2(rawPassword.toString(), UNUSABLE_SALT, iterations);
            return false;
        }
        byte[] actual = pbkdf2(rawPassword.toString(), parts[2], storedIterations);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Django re-hashes on login when its iteration count has grown; we report the same. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        String[] parts = encodedPassword == null ? new String[0] : encodedPassword.split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return false;
        }
        try {
            return Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String newSalt() {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return salt.toString();
    }

    private static byte[] pbkdf2(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
