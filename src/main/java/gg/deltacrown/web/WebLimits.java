package gg.deltacrown.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may cost the service ({@code deltacrown.web.*}; application.yml maps the
 * environment variables onto them). docs/adr/0022-requests-that-fail-safe.md explains each.
 *
 * @param maxBodySize {@code MAX_REQUEST_BODY_SIZE}: larger request bodies get 413 before they are read
 */
@ConfigurationProperties("deltacrown.web")
public record WebLimits(DataSize maxBodySize) {

    public WebLimits {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("MAX_REQUEST_BODY_SIZE must be positive");
        }
    }
}
