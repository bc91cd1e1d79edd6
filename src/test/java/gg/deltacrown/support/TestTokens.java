package gg.deltacrown.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens signed with a known {@code DELTACROWN_SECRET_KEY}, for tests that drive a separate
 * service process with many users (logging each one in would spend the run on PBKDF2).
 */
public final class TestTokens {

    public static final String SECRET = "test-secret-key-0123456789-abcdefghijklmnop";

    private TestTokens() {}

    public static String access(long userId) {
        try {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String header =
                    encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = encoder.encodeToString(("{\"token_type\":\"access\",\"exp\":" + (now + 3600) + ",\"iat\":"
                            + now + ",\"jti\":\"t" + userId + "\",\"user_id\":" + userId + "}")
                    .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature =
                    encoder.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
