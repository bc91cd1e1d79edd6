package gg.deltacrown.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The framework envelope (docs/adr/0007), {@code {"error": text, "code": CODE[, "details": {...}]}}:
 * authentication, permission, method, throttling, size limits, outages and unexpected failures,
 * whatever the endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameworkError(String error, String code, Map<String, ?> details) {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String PARSE_ERROR = "PARSE_ERROR";
    public static final String INTEGRITY_ERROR = "INTEGRITY_ERROR";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    public FrameworkError(String error, String code) {
        this(error, code, null);
    }

    public ResponseEntity<FrameworkError> status(HttpStatus status) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(this);
    }

    /** For filters, which answer before Spring MVC is involved. */
    void write(HttpServletResponse response, HttpStatus status, JsonMapper json) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), this);
    }
}
