package gg.deltacrown.teams.web;

import gg.deltacrown.teams.InvalidInputException;
import gg.deltacrown.teams.Refusal;
import gg.deltacrown.teams.RefusedException;
import gg.deltacrown.web.EndpointError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The team endpoints' own errors in the endpoint envelope: refusals of the team module with their
 * code and status, validation problems with field details (docs/adr/0007-api-errors-and-validation.md).
 */
@RestControllerAdvice(
        assignableTypes = {TeamApiController.class, MemberApiController.class, OrganizationApiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TeamApiErrors {

    static final String INVALID_INPUT = "Invalid input data";

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<EndpointError> refused(RefusedException e) {
        return EndpointError.of(e.refusal().code(), e.getMessage(), e.safeMessage())
                .status(status(e.refusal().kind()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<EndpointError> invalidInput(InvalidInputException e) {
        return new EndpointError(
                        TeamApiController.VALIDATION,
                        INVALID_INPUT,
                        null,
                        e.errors().asMap())
                .status(HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<EndpointError> invalidRequest(InvalidRequest e) {
        return new EndpointError(e.errorCode(), INVALID_INPUT, null, e.errors().asMap()).status(HttpStatus.BAD_REQUEST);
    }

    static HttpStatus status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
    }
}
