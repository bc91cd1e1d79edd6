package gg.deltacrown.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may cost the service ({@code deltacrown.web.*}; application.yml maps the
 * environment variables onto them). docs/adr/0022-requests-that-fail-safe.md explains each.
 *
 * @param maxBodySize {@code MAX_REQUEST_BODY_SIZE}: larger request bodies get 413 before they are read
 * @param loginThrottleUsername {@code LOGIN_THROTTLE_USERNAME}: failed logins per username
 *     ({@code N/second|minute|hour|day} or {@code off})
 * @param loginThrottleIp {@code LOGIN_THROTTLE_IP}: failed logins per client address, same format
 */
@ConfigurationProperties("deltacrown.web")
public record WebLimits(DataSize maxBodySize, String loginThrottleUsername, String loginThrottleIp) {

    public WebLimits {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        loginThrottleUsername = loginThrottleUsername == null ? "10/hour" : loginThrottleUsername;
        loginThrottleIp = loginThrottleIp == null ? "20/minute" : loginThrottleIp;
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("MAX_REQUEST_BODY_SIZE must be positive");
        }
    }
}
