package gg.deltacrown.web;

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
 * {@code exp}, {@code iat}, {@code jti}, {@code user_id}): an access token (60 min) authenticates
 * requests, a refresh token (1 day) only buys new access tokens. Nimbus signs and verifies.
 */
@Component
@ConditionalOnWebApplication
class Tokens {

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    private final Accounts accounts;
    private final JwtEncoder encoder;
    private final JwtDecoder accessDecoder;
    private final JwtDecoder refreshDecoder;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    Tokens(Accounts accounts, ApiProperties properties) {
        SecretKey key = SigningKey.load(properties);
        this.accounts = accounts;
        this.encoder = NimbusJwtEncoder.withSecretKey(key)
                .algorithm(MacAlgorithm.HS256)
                .build();
        this.accessDecoder = decoder(key, ACCESS);
        this.refreshDecoder = decoder(key, REFRESH);
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

    private static JwtDecoder decoder(SecretKey key, String type) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> tokenType = jwt -> type.equals(jwt.getClaimAsString("token_type"))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Token has wrong type", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), tokenType));
        return decoder;
    }
}
