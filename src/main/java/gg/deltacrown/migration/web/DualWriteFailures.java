package gg.deltacrown.migration.web;

import gg.deltacrown.migration.DualWriteFailedException;
import gg.deltacrown.teams.Team;
import gg.deltacrown.web.EndpointError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriUtils;

/**
 * A strict-mode shadow write that failed, as clients see it: the request's transaction was rolled
 * back, nothing was saved. An API request answers 500 {@code DUAL_WRITE_FAILED} in the endpoint
 * envelope; a page's form goes back to its page (POST-redirect-GET) with "The change could not be
 * saved. Please try again." (docs/adr/0018-teams-publish-events-migration-listens.md).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DualWriteFailures {

    private static final Logger log = LoggerFactory.getLogger(DualWriteFailures.class);

    static final String NOT_SAVED = "The change could not be saved. Please try again.";

    @ExceptionHandler(DualWriteFailedException.class)
    ResponseEntity<?> dualWriteFailed(
            DualWriteFailedException e, HttpServletRequest request, HttpServletResponse response) {
        log.atError()
                .addKeyValue("event_type", "dual_write_request_failed")
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("exception_type", e.getClass().getSimpleName())
                .setCause(e)
                .log("Strict dual-write failed; the request was rolled back");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return EndpointError.of(
                            "DUAL_WRITE_FAILED",
                            "The change could not be mirrored to the legacy tables (strict dual-write mode);"
                                    + " nothing was saved.",
                            NOT_SAVED)
                    .status(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        String page = request.getContextPath() + pageOf(request);
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("error", NOT_SAVED);
        RequestContextUtils.saveOutputFlashMap(page, request, response);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(page))
                .build();
    }

    /** The team's page for its roster and settings forms; the creation form's own page otherwise. */
    private static String pageOf(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get("slug") instanceof String slug) {
            return Team.url(UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8));
        }
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
