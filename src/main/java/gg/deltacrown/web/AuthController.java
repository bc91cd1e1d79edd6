package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens for API clients: {@code POST /api/auth/login/} (the runbooks' {@code .token}),
 * {@code POST /api/token/} and {@code POST /api/token/refresh/} (SimpleJWT's shapes). Errors use
 * the framework envelope.
 */
@RestController
@ConditionalOnWebApplication
class AuthController {

    private final AccountAuthentication accounts;
    private final Tokens tokens;
    private final JsonMapper json;

    AuthController(AccountAuthentication accounts, Tokens tokens, JsonMapper json) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.json = json;
    }

    @PostMapping("/api/auth/login/")
    ResponseEntity<?> login(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        Map<String, String> fields = strings(body, "username", "password");
        return signIn(fields, request)
                .<ResponseEntity<?>>map(user ->
                        ResponseEntity.ok(Map.of("token", tokens.issue(user).access())))
                .orElseGet(AuthController::invalidCredentials);
    }

    @PostMapping("/api/token/")
    ResponseEntity<?> obtainPair(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        Map<String, String> fields = strings(body, "username", "password");
        return signIn(fields, request)
                .<ResponseEntity<?>>map(user -> {
                    Tokens.Pair pair = tokens.issue(user);
                    return ResponseEntity.ok(Map.of("access", pair.access(), "refresh", pair.refresh()));
                })
                .orElseGet(AuthController::invalidCredentials);
    }

    @PostMapping("/api/token/refresh/")
    ResponseEntity<?> refresh(@RequestBody(required = false) byte[] body) {
        Map<String, String> fields = strings(body, "refresh");
        return tokens.refresh(fields.get("refresh"))
                .<ResponseEntity<?>>map(access -> ResponseEntity.ok(Map.of("access", access)))
                .orElseGet(() -> new FrameworkError("Token is invalid or expired", FrameworkError.AUTHENTICATION_FAILED)
                        .status(HttpStatus.UNAUTHORIZED));
    }

    private Optional<SignedInUser> signIn(Map<String, String> fields, HttpServletRequest request) {
        try {
            return Optional.of(
                    accounts.signIn(fields.get("username"), fields.get("password"), request.getRemoteAddr()));
        } catch (BadCredentialsException e) {
            return Optional.empty();
        }
    }

    @ExceptionHandler(AccountAuthentication.Throttled.class)
    ResponseEntity<FrameworkError> throttled(AccountAuthentication.Throttled e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new FrameworkError(
                        "Too many failed logins. Expected available in " + e.retryAfterSeconds() + " seconds.",
                        FrameworkError.RATE_LIMITED));
    }

    private static ResponseEntity<FrameworkError> invalidCredentials() {
        return new FrameworkError(AccountAuthentication.FAILURE, FrameworkError.AUTHENTICATION_FAILED)
                .status(HttpStatus.UNAUTHORIZED);
    }

    /** The named non-blank string fields, or {@link InvalidCredentialsBody} with DRF-style messages. */
    private Map<String, String> strings(byte[] body, String... names) {
        ObjectNode root = JsonBody.read(body, json);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode value = root.get(name);
            if (value == null) {
                errors.put(name, List.of("This field is required."));
            } else if (value.isNull()) {
                errors.put(name, List.of("This field may not be null."));
            } else if (!value.isString() && !value.isNumber()) {
                errors.put(name, List.of("Not a valid string."));
            } else if (value.asString().isEmpty()) {
                errors.put(name, List.of("This field may not be blank."));
            } else {
                fields.put(name, value.asString());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidCredentialsBody(errors);
        }
        return fields;
    }

    @ExceptionHandler(JsonBody.Unreadable.class)
    ResponseEntity<FrameworkError> unreadable(JsonBody.Unreadable e) {
        return e.malformed()
                ? new FrameworkError(e.getMessage(), FrameworkError.PARSE_ERROR).status(HttpStatus.BAD_REQUEST)
                : invalid(Map.of("non_field_errors", List.of(e.getMessage())));
    }

    @ExceptionHandler(JsonBody.InvalidValues.class)
    ResponseEntity<FrameworkError> invalidValues(JsonBody.InvalidValues e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(InvalidCredentialsBody.class)
    ResponseEntity<FrameworkError> invalidBody(InvalidCredentialsBody e) {
        return invalid(e.errors);
    }

    private static ResponseEntity<FrameworkError> invalid(Map<String, ?> details) {
        return new FrameworkError("Invalid input.", FrameworkError.VALIDATION_ERROR, details)
                .status(HttpStatus.BAD_REQUEST);
    }

    private static final class InvalidCredentialsBody extends RuntimeException {
        private final transient Map<String, List<String>> errors;

        InvalidCredentialsBody(Map<String, List<String>> errors) {
            super("invalid credentials body", null, false, false);
            this.errors = errors;
        }
    }
}
