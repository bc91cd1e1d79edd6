package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tokens cannot live forever, whoever signed them (Django's SimpleJWT shares the key): what a
 * hand-signed token without {@code exp}, or with a lifetime above the maximum, gets; and what a
 * token of ours gives away in its header (nothing about the secret).
 */
@IntegrationTest
class TokenLifetimeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiProperties properties;

    ApiClient api;
    Account alice;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        alice = new AccountFixture(accounts).player("alice");
    }

    @Test
    void issuedTokensCarryExpiryAndNoKeyIdDerivedFromTheSecret() throws Exception {
        String token = api.login("alice", AccountFixture.PASSWORD);

        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime()).isNotNull();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String noExpiry = sign(claims("access").issueTime(new Date()).build());
        String refreshWithoutExpiry =
                sign(claims("refresh").issueTime(new Date()).build());

        Reply access = api.get("/api/vnext/teams/none/detail/", noExpiry);
        Reply refresh = api.post("/api/token/refresh/", "{\"refresh\":\"" + refreshWithoutExpiry + "\"}");

        assertThat(access.status()).isEqualTo(401);
        assertThat(access.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefusedHoweverItsTimesAreSet() throws Exception {
        Instant now = Instant.now();
        Duration max = properties.tokenMaxLifetime();
        String longLived = sign(claims("access")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(max).plusSeconds(3600)))
                .build());
        String futureIssued = sign(claims("access")
                .issueTime(Date.from(now.plus(max)))
                .expirationTime(Date.from(now.plus(max).plusSeconds(600)))
                .build());
        String noIssuedAt = sign(claims("access")
                .expirationTime(Date.from(now.plus(max).plusSeconds(3600)))
                .build());
        String djangoShaped = sign(claims("access")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build());

        assertThat(api.get("/api/vnext/teams/none/detail/", longLived).status()).isEqualTo(401);
        assertThat(api.get("/api/vnext/teams/none/detail/", futureIssued).status())
                .isEqualTo(401);
        assertThat(api.get("/api/vnext/teams/none/detail/", noIssuedAt).status())
                .isEqualTo(401);
        assertThat(api.get("/api/vnext/teams/none/detail/", djangoShaped).status())
                .as("a SimpleJWT token (no kid, 5 minutes) still works")
                .isEqualTo(404);
    }

    private JWTClaimsSet.Builder claims(String type) {
        return new JWTClaimsSet.Builder()
                .claim("token_type", type)
                .claim("user_id", alice.id())
                .jwtID("test");
    }

    private String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new MACSigner(
                Files.readString(properties.secretKeyFile()).strip().getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
