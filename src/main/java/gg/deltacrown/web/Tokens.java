package gg.deltacrown.web;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The API's tokens, shaped like Django SimpleJWT's (HS256; claims {@code token_type},
 * {@code exp}, {@code iat}, {@code jti}, {@code user_id}; no {@code kid}): an access token (60 min)
 * authenticates requests, a refresh token (1 day) only buys new access tokens. Nimbus signs and
 * verifies. A token is accepted only with an {@code exp} and a lifetime within
 * {@code DELTACROWN_TOKEN_MAX_LIFETIME}, whoever signed it (Django's SimpleJWT shares the key).
 */
@Component
@ConditionalOnWebApplication
class Tokens {

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Accounts accounts;
    private final JwtEncoder encoder;
    private final JwtDecoder accessDecoder;
    private final JwtDecoder refreshDecoder;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    Tokens(Accounts accounts, ApiProperties properties) {
        SecretKey key = SigningKey.load(properties);
        this.accounts = accounts;
        // Not NimbusJwtEncoder.withSecretKey: its JWK's key id, sent as the kid header of every
        // token, is a hash of the secret. SimpleJWT sends no kid either.
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.accessDecoder = decoder(key, ACCESS, properties.tokenMaxLifetime());
        this.refreshDecoder = decoder(key, REFRESH, properties.tokenMaxLifetime());
        this.accessLifetime = properties.accessTokenLifetime();
        this.refreshLifetime = properties.refreshTokenLifetime();
    }

    record Pair(String access, String refresh) {}

    Pair issue(SignedInUser user) {
        return new Pair(encode(user.id(), ACCESS, accessLifetime), encode(user.id(), REFRESH, refreshLifetime));
    }

    /** A new access token for a valid refresh token of a still active account. */
    Optional<String> refresh(String refreshToken) {
        try {
            Jwt jwt = refreshDecoder.decode(refreshToken);
            return activeAccount(jwt).map(account -> encode(account.id(), ACCESS, accessLifetime));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    JwtDecoder accessDecoder() {
        return accessDecoder;
    }

    /** Bearer access token to the signed-in user, looked up afresh (deactivated accounts stop at once). */
    Converter<Jwt, AbstractAuthenticationToken> authentication() {
        return jwt -> {
            SignedInUser user = activeAccount(jwt)
                    .map(SignedInUser::of)
                    .orElseThrow(() -> new InvalidBearerTokenException("User not found or inactive"));
            return UsernamePasswordAuthenticationToken.authenticated(user, jwt, user.authorities());
        };
    }

    private Optional<Account> activeAccount(Jwt jwt) {
        Object claim = jwt.getClaims().get("user_id");
        long userId;
        try {
            userId = claim instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(claim));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return accounts.byId(userId).filter(Account::active);
    }

    private String encode(long userId, String type, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .claim("token_type", type)
                .expiresAt(now.plus(lifetime))
                .issuedAt(now)
                .id(UUID.randomUUID().toString().replace("-", ""))
                .claim("user_id", userId)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static JwtDecoder decoder(SecretKey key, String type, Duration maxLifetime) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> tokenType = jwt -> type.equals(jwt.getClaimAsString("token_type"))
                ? OAuth2TokenValidatorResult.success()
                : invalid("Token has wrong type");
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), tokenType, lifetime(maxLifetime)));
        return decoder;
    }

    /**
     * {@code exp} is required (the default validators only check it when present), and the token
     * may live at most {@code max}: from its {@code iat}, and from now (an {@code iat} set in the
     * future would otherwise stretch it), allowing the default validators' minute of clock skew.
     */
    static OAuth2TokenValidator<Jwt> lifetime(Duration max) {
        return jwt -> {
            Instant expires = jwt.getExpiresAt();
            if (expires == null) {
                return invalid("Token has no expiry");
            }
            Instant issued = jwt.getIssuedAt();
            boolean tooLong = Duration.between(Instant.now(), expires).compareTo(max.plus(CLOCK_SKEW)) > 0
                    || (issued != null && Duration.between(issued, expires).compareTo(max) > 0);
            return tooLong ? invalid("Token lifetime exceeds the maximum") : OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
