package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What Spring Boot's {@code /error} answers: for {@code /api/**} the framework envelope
 * {@code {"error", "code"[, "details"]}} (never Spring's default body), for pages the error page's
 * model with the reason, the field details and the {@code Retry-After} seconds when there are any.
 * Filters answer through {@link #send}, so an error looks the same wherever it is found.
 */
@Component
@ConditionalOnWebApplication
class ErrorBodies extends DefaultErrorAttributes {

    private static final String PREFIX = ErrorBodies.class.getName() + ".";
    private static final String CODE = PREFIX + "code";
    private static final String MESSAGE = PREFIX + "message";
    private static final String DETAILS = PREFIX + "details";
    private static final String RETRY_AFTER = PREFIX + "retryAfter";

    /** Answers {@code status} through {@code /error}, with this code, message and (optional) details. */
    static void send(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String code,
            String message,
            Map<String, ?> details)
            throws IOException {
        request.setAttribute(CODE, code);
        request.setAttribute(MESSAGE, message);
        if (details != null) {
            request.setAttribute(DETAILS, details);
        }
        response.sendError(status.value());
    }

    /** Sets {@code Retry-After} and shows the wait on the error page. */
    static void retryAfter(HttpServletRequest request, HttpServletResponse response, long seconds) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        request.setAttribute(RETRY_AFTER, seconds);
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        int status = attributes.get("status") instanceof Integer value ? value : 500;
        Object details = request.getAttribute(DETAILS, RequestAttributes.SCOPE_REQUEST);
        String message = (String) request.getAttribute(MESSAGE, RequestAttributes.SCOPE_REQUEST);
        String code = (String) request.getAttribute(CODE, RequestAttributes.SCOPE_REQUEST);
        FrameworkError envelope = new FrameworkError(
                message != null ? message : defaultMessage(status),
                code != null ? code : defaultCode(status),
                details instanceof Map<?, ?> map ? castDetails(map) : null);
        if (String.valueOf(attributes.get("path")).startsWith("/api/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", envelope.error());
            body.put("code", envelope.code());
            if (envelope.details() != null) {
                body.put("details", envelope.details());
            }
            return body;
        }
        attributes.put("reason", envelope.error());
        attributes.put("details", envelope.details());
        attributes.put("retry_after", request.getAttribute(RETRY_AFTER, RequestAttributes.SCOPE_REQUEST));
        return attributes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castDetails(Map<?, ?> details) {
        return (Map<String, ?>) details;
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> FrameworkError.UNAUTHENTICATED;
            case 403 -> FrameworkError.PERMISSION_DENIED;
            case 404 -> FrameworkError.NOT_FOUND;
            case 405 -> FrameworkError.METHOD_NOT_ALLOWED;
            case 413 -> FrameworkError.PAYLOAD_TOO_LARGE;
            case 429 -> FrameworkError.RATE_LIMITED;
            case 503 -> FrameworkError.SERVICE_UNAVAILABLE;
            default -> status < 500 ? "BAD_REQUEST" : FrameworkError.INTERNAL_ERROR;
        };
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Authentication credentials were not provided.";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "Not found.";
            case 405 -> "Method not allowed.";
            case 503 -> DatabaseOutage.MESSAGE;
            default -> status < 500 ? "Bad request." : "Internal server error";
        };
    }
}
