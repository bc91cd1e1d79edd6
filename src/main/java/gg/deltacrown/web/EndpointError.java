package gg.deltacrown.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The endpoint envelope (docs/adr/0007), {@code {"error_code", "message"[, "safe_message"][,
 * "details"]}}: the errors an endpoint itself decides (validation, not found, rules of the domain).
 * {@code message} never carries exception text; {@code safe_message} is meant for end users.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointError(
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("message") String message,
        @JsonProperty("safe_message") String safeMessage,
        @JsonProperty("details") Object details) {

    public static EndpointError of(String errorCode, String message) {
        return new EndpointError(errorCode, message, null, null);
    }

    public static EndpointError of(String errorCode, String message, String safeMessage) {
        return new EndpointError(errorCode, message, safeMessage, null);
    }

    public ResponseEntity<EndpointError> status(HttpStatusCode status) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(this);
    }
}
