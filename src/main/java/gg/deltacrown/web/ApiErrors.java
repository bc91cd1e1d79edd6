package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Failures that no endpoint handles itself, for {@code /api/**}: the framework envelope for
 * protocol errors (404, 405, …) and surprises (500 {@code INTERNAL_ERROR}, or the endpoint's own
 * 500 when it declares {@link EndpointFailure}), and {@code LEGACY_WRITE_BLOCKED} (the database's
 * legacy write guard, SQLSTATE {@code DC403}). A feature maps its own failures in its web package.
 * Values no field may hold ({@link JsonBody.InvalidValues}) are 400 {@code VALIDATION_ERROR}. A
 * database outage is 503 for every path, as {@link DatabaseOutageFilter} answers it; a body over
 * the limit is passed on to {@link RequestBodyLimit}. Other failures of pages are left to Spring
 * Boot's error pages ({@link ErrorBodies}). Exception text is logged, never returned.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    static final String LEGACY_WRITE_GUARD_SQLSTATE = "DC403";

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void securityDecidesThese(Exception e) throws Exception {
        throw e;
    }

    @ExceptionHandler(JsonBody.InvalidValues.class)
    ResponseEntity<?> invalidValues(JsonBody.InvalidValues e, HttpServletRequest request) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        return new FrameworkError("Invalid input.", FrameworkError.VALIDATION_ERROR, e.problems())
                .status(HttpStatus.BAD_REQUEST);
    }

    /**
     * Everything else, for pages too. An outage is answered here (503, as {@link
     * DatabaseOutageFilter} does for the filters), never passed on: Spring MVC takes a lost JDBC
     * connection for a client that went away and answers nothing, a 200 with an empty body
     * ({@link #looksLikeAGoneClient}).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        Optional<DatabaseOutage> outage = DatabaseOutage.of(e);
        if (outage.isPresent() && !response.isCommitted()) {
            DatabaseOutageFilter.answer(request, response, outage.get(), e);
            return null;
        }
        if (RequestBodyLimit.causedBy(e)) {
            // RequestBodyLimit answers it, for pages and filters too.
            throw e;
        }
        if (!isApi(request)) {
            if (looksLikeAGoneClient(e) && !response.isCommitted()) {
                log.atError()
                        .addKeyValue("event_type", "page_error")
                        .addKeyValue("path", request.getRequestURI())
                        .addKeyValue("exception_type", e.getClass().getSimpleName())
                        .setCause(e)
                        .log("Unexpected failure in {}", request.getRequestURI());
                ErrorBodies.send(
                        request,
                        response,
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        FrameworkError.INTERNAL_ERROR,
                        "Internal server error",
                        null);
                return null;
            }
            // Spring Boot's error pages answer the rest (ErrorBodies).
            throw e;
        }
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        return answer(e, request, handler instanceof HandlerMethod method ? method : null);
    }

    /**
     * Whether Spring MVC would take {@code e} for a client that went away although it is the
     * database's: any exception of the chain named {@code EOFException} (or with "broken pipe" in
     * its deepest message) and none a {@code DataAccessException}, as when the transaction manager
     * wraps the driver's lost connection ({@code CannotCreateTransactionException} ←
     * {@code PSQLException} ← {@code EOFException}). An exception handler that rethrows such an
     * exception, or Spring's default resolver after it, answers nothing: 200 with an empty body
     * (spring-framework issue 34481; docs/adr/0030-a-lost-database-connection-is-never-a-200.md).
     */
    static boolean looksLikeAGoneClient(Throwable e) {
        return DisconnectedClientHelper.isClientDisconnectedException(e) && hasSqlException(e);
    }

    private static boolean hasSqlException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    static EndpointError legacyWriteBlocked() {
        return EndpointError.of(
                "LEGACY_WRITE_BLOCKED",
                "Legacy team tables are read-only during the migration; use the vNext API.",
                "This change is not allowed right now.");
    }

    static ResponseEntity<?> answer(Exception e, HttpServletRequest request, HandlerMethod handler) {
        if (e instanceof MethodArgumentNotValidException invalid) {
            Map<String, List<String>> details = new LinkedHashMap<>();
            invalid.getFieldErrors()
                    .forEach(error -> details.computeIfAbsent(error.getField(), f -> new ArrayList<>())
                            .add(error.getDefaultMessage()));
            return new FrameworkError("Invalid input.", FrameworkError.VALIDATION_ERROR, details)
                    .status(HttpStatus.BAD_REQUEST);
        }
        if (e instanceof ErrorResponse known) {
            return protocolError(known, e);
        }
        if (e instanceof HttpMessageNotReadableException) {
            return new FrameworkError(
                            "JSON parse error - the request body could not be read.", FrameworkError.PARSE_ERROR)
                    .status(HttpStatus.BAD_REQUEST);
        }
        if (e instanceof TypeMismatchException) {
            return new FrameworkError("Bad request.", "BAD_REQUEST").status(HttpStatus.BAD_REQUEST);
        }
        if (hasSqlState(e, LEGACY_WRITE_GUARD_SQLSTATE)) {
            log.atWarn()
                    .addKeyValue("event_type", "legacy_write_blocked")
                    .addKeyValue("path", request.getRequestURI())
                    .log("A request tried to write a legacy table");
            return legacyWriteBlocked().status(HttpStatus.FORBIDDEN);
        }
        if (e instanceof DuplicateKeyException) {
            log.atWarn()
                    .addKeyValue("event_type", "integrity_error")
                    .addKeyValue("path", request.getRequestURI())
                    .setCause(e)
                    .log("Unhandled unique violation");
            return new FrameworkError("A conflicting record already exists.", FrameworkError.INTEGRITY_ERROR)
                    .status(HttpStatus.CONFLICT);
        }
        EndpointFailure failure = handler == null ? null : handler.getMethodAnnotation(EndpointFailure.class);
        log.atError()
                .addKeyValue("event_type", failure == null ? "api_error" : failure.event())
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("exception_type", e.getClass().getSimpleName())
                .setCause(e)
                .log("Unexpected failure in {}", request.getRequestURI());
        if (failure != null) {
            return EndpointError.of(
                            "internal_error",
                            failure.message(),
                            failure.safeMessage().isEmpty() ? null : failure.safeMessage())
                    .status(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        return new FrameworkError("Internal server error", FrameworkError.INTERNAL_ERROR)
                .status(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ResponseEntity<?> protocolError(ErrorResponse known, Exception e) {
        HttpStatusCode status = known.getStatusCode();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(known.getHeaders());
        FrameworkError body = switch (status.value()) {
            case 404 -> new FrameworkError("Not found.", FrameworkError.NOT_FOUND);
            case 405 ->
                new FrameworkError(
                        e instanceof HttpRequestMethodNotSupportedException method
                                ? "Method \"" + method.getMethod() + "\" not allowed."
                                : "Method not allowed.",
                        FrameworkError.METHOD_NOT_ALLOWED);
            case 406 -> new FrameworkError("Could not satisfy the request Accept header.", "NOT_ACCEPTABLE");
            case 415 -> new FrameworkError("Unsupported media type in request.", "UNSUPPORTED_MEDIA_TYPE");
            default ->
                status.is4xxClientError()
                        ? new FrameworkError("Bad request.", "BAD_REQUEST")
                        : new FrameworkError("Internal server error", FrameworkError.INTERNAL_ERROR);
        };
        return ResponseEntity.status(status).headers(headers).body(body);
    }

    static boolean hasSqlState(Throwable e, String sqlState) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
