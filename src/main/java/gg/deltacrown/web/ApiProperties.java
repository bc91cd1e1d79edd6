package gg.deltacrown.web;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the HTTP API (application.yml maps the environment variables onto them).
 *
 * @param secretKey {@code DELTACROWN_SECRET_KEY}: the HS256 signing key of the JWTs; set it to the
 *     Django {@code SECRET_KEY} and tokens work in both systems. Blank: {@link #secretKeyFile}.
 * @param secretKeyFile where a generated key is kept when no key is configured
 *     ({@code ${deltacrown.data-dir}/secret_key}), so tokens survive a restart
 * @param throttleAnon {@code API_THROTTLE_ANON}: {@code N/second|minute|hour|day} or {@code off}
 * @param throttleUser {@code API_THROTTLE_USER}: same format, per signed-in user
 * @param tokenMaxLifetime {@code DELTACROWN_TOKEN_MAX_LIFETIME}: the longest lifetime ({@code exp}
 *     minus {@code iat}) of a token we accept, whoever issued it; our own lifetimes may not exceed it
 */
@ConfigurationProperties("deltacrown.api")
public record ApiProperties(
        String secretKey,
        Path secretKeyFile,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        String throttleAnon,
        String throttleUser,
        Duration tokenMaxLifetime) {

    public ApiProperties {
        accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(60) : accessTokenLifetime;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofDays(1) : refreshTokenLifetime;
        secretKeyFile = secretKeyFile == null ? Path.of(".deltacrown", "secret_key") : secretKeyFile;
        throttleAnon = throttleAnon == null ? "100/hour" : throttleAnon;
        throttleUser = throttleUser == null ? "1000/hour" : throttleUser;
        tokenMaxLifetime = tokenMaxLifetime == null ? Duration.ofDays(1) : tokenMaxLifetime;
        if (accessTokenLifetime.compareTo(tokenMaxLifetime) > 0
                || refreshTokenLifetime.compareTo(tokenMaxLifetime) > 0) {
            throw new IllegalArgumentException("token lifetimes (access " + accessTokenLifetime + ", refresh "
                    + refreshTokenLifetime + ") must not exceed DELTACROWN_TOKEN_MAX_LIFETIME (" + tokenMaxLifetime
                    + ")");
        }
    }
}
