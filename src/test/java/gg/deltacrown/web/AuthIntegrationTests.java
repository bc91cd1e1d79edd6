package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class AuthIntegrationTests {

    private static final String PROTECTED = "/api/vnext/teams/anything/detail/";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

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
    void loginAnswersTheRunbooksTokenAnAccessJwtForTheUser() {
        Reply reply = api.post("/api/auth/login/", "{\"username\":\"alice\",\"password\":\"testpass\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().propertyNames()).containsExactly("token");
        JsonNode claims = claims(reply.json().get("token").asString());
        assertThat(claims.get("user_id").asLong()).isEqualTo(alice.id());
        assertThat(claims.get("token_type").asString()).isEqualTo("access");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(claims.get("jti").asString()).isNotBlank();
        assertThat(api.get(PROTECTED, reply.json().get("token").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void tokenPairGivesAccessAndRefreshAndRefreshGivesANewAccessToken() {
        Reply pair = api.post("/api/token/", "{\"username\":\"alice\",\"password\":\"testpass\"}");
        assertThat(pair.status()).isEqualTo(200);
        assertThat(pair.json().propertyNames()).containsExactlyInAnyOrder("access", "refresh");
        String refresh = pair.json().get("refresh").asString();
        JsonNode refreshClaims = claims(refresh);
        assertThat(refreshClaims.get("token_type").asString()).isEqualTo("refresh");
        assertThat(refreshClaims.get("exp").asLong() - refreshClaims.get("iat").asLong())
                .isEqualTo(86400);

        Reply refreshed = api.post("/api/token/refresh/", "{\"refresh\":\"" + refresh + "\"}");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().propertyNames()).containsExactly("access");
        assertThat(api.get(PROTECTED, refreshed.json().get("access").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void aRefreshTokenIsNotAnAccessTokenAndViceVersa() {
        Reply pair = api.post("/api/token/", "{\"username\":\"alice\",\"password\":\"testpass\"}");

        Reply withRefresh = api.get(PROTECTED, pair.json().get("refresh").asString());
        Reply refreshWithAccess = api.post(
                "/api/token/refresh/",
                "{\"refresh\":\"" + pair.json().get("access").asString() + "\"}");

        assertThat(withRefresh.status()).isEqualTo(401);
        assertThat(withRefresh.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(refreshWithAccess.status()).isEqualTo(401);
        assertThat(refreshWithAccess.body())
                .isEqualTo("{\"error\":\"Token is invalid or expired\",\"code\":\"AUTHENTICATION_FAILED\"}");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Reply wrongPassword = api.post("/api/auth/login/", "{\"username\":\"alice\",\"password\":\"nope\"}");
        Reply unknownUser = api.post("/api/auth/login/", "{\"username\":\"mallory\",\"password\":\"nope\"}");
        Reply pairForUnknown = api.post("/api/token/", "{\"username\":\"mallory\",\"password\":\"testpass\"}");

        String expected = "{\"error\":\"Invalid username or password\",\"code\":\"AUTHENTICATION_FAILED\"}";
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(expected);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.body()).isEqualTo(expected);
        assertThat(pairForUnknown.body()).isEqualTo(expected);
    }

    @Test
    void anInactiveAccountCannotLogInAndItsTokensStopWorking() {
        String token = api.login("alice", "testpass");
        DatabaseOwner.jdbc(environment, jdbc.getDataSource())
                .update("UPDATE accounts_user SET is_active = false WHERE id = ?", alice.id());

        assertThat(api.post("/api/auth/login/", "{\"username\":\"alice\",\"password\":\"testpass\"}")
                        .status())
                .isEqualTo(401);
        Reply withOldToken = api.get(PROTECTED, token);
        assertThat(withOldToken.status()).isEqualTo(401);
        assertThat(withOldToken.json().get("code").asString()).isEqualTo("AUTHENTICATION_FAILED");
    }

    @Test
    void missingFieldsAndMalformedJsonAre400() {
        Reply missing = api.post("/api/auth/login/", "{\"username\":\"alice\"}");
        Reply malformed = api.post("/api/auth/login/", "{\"username\":");
        Reply notAnObject = api.post("/api/token/", "[\"alice\"]");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body())
                .isEqualTo(
                        "{\"error\":\"Invalid input.\",\"code\":\"VALIDATION_ERROR\",\"details\":{\"password\":[\"This field is required.\"]}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("PARSE_ERROR");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject
                        .json()
                        .get("details")
                        .get("non_field_errors")
                        .get(0)
                        .asString())
                .isEqualTo("Invalid data. Expected a dictionary, but got list.");
    }

    @Test
    void anApiCallWithoutCredentialsIs401Unauthenticated() {
        Reply reply = api.post("/api/vnext/teams/create/", "{}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body())
                .isEqualTo(
                        "{\"error\":\"Authentication credentials were not provided.\",\"code\":\"UNAUTHENTICATED\"}");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aForgedOrExpiredTokenIs401AuthenticationFailed() throws Exception {
        String forged = sign("x".repeat(40), alice.id(), "access", Instant.now().plusSeconds(600));
        String expired = sign(secret(), alice.id(), "access", Instant.now().minusSeconds(600));
        String valid = sign(secret(), alice.id(), "access", Instant.now().plusSeconds(600));

        for (String token : new String[] {"not-a-jwt", forged, expired}) {
            Reply reply = api.get(PROTECTED, token);
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.body())
                    .isEqualTo(
                            "{\"error\":\"Given token not valid for any token type\",\"code\":\"AUTHENTICATION_FAILED\"}");
        }
        assertThat(api.get(PROTECTED, valid).status()).isEqualTo(404);
    }

    @Test
    void keepsAGeneratedSigningKeyInTheDataDirectoryReadableOnlyByItsOwner() throws Exception {
        assertThat(properties.secretKey()).isBlank();
        assertThat(Files.readString(properties.secretKeyFile()).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties.secretKeyFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void aWrongMethodIs405() {
        String token = api.login("alice", "testpass");

        Reply reply = api.get("/api/token/", token);
        Reply loginByGet = api.get("/api/auth/login/", null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.body())
                .isEqualTo("{\"error\":\"Method \\\"GET\\\" not allowed.\",\"code\":\"METHOD_NOT_ALLOWED\"}");
        assertThat(loginByGet.status()).isEqualTo(405);
    }

    @Test
    void anUnknownApiPathIs404InTheFrameworkEnvelope() {
        Reply reply = api.get("/api/vnext/nothing-here/", api.login("alice", "testpass"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"error\":\"Not found.\",\"code\":\"NOT_FOUND\"}");
    }

    @Test
    void adminApiAndActuatorAreForStaffOnly() {
        new AccountFixture(accounts).staff("operator");
        String player = api.login("alice", "testpass");
        String staff = api.login("operator", "testpass");

        Reply playerMetrics = api.get("/actuator/metrics", player);
        assertThat(playerMetrics.status()).isEqualTo(403);
        assertThat(playerMetrics.body())
                .isEqualTo(
                        "{\"error\":\"You do not have permission to perform this action.\",\"code\":\"PERMISSION_DENIED\"}");
        assertThat(api.get("/actuator/metrics", staff).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/flags/", player).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/flags/", null).status()).isEqualTo(401);
        assertThat(api.get("/api/admin/flags/", staff).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/no-such-endpoint/", staff).status()).isEqualTo(404);
    }

    @Test
    void pagesSendStrangersToTheLoginForm() {
        Reply page = api.get("/teams/create/", null);
        Reply login = api.get("/login", null);
        Reply formPostWithoutCsrf = api.send("POST", "/login", "username=alice&password=testpass", null);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"_csrf\"", "name=\"username\"", "name=\"password\"");
        assertThat(formPostWithoutCsrf.status()).isEqualTo(403);
    }

    private String secret() throws Exception {
        return Files.readString(properties.secretKeyFile()).strip();
    }

    private static String sign(String secret, long userId, String type, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("token_type", type)
                .claim("user_id", userId)
                .jwtID("test")
                .issueTime(Date.from(expires.minusSeconds(3600)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder()
                .build()
                .readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
