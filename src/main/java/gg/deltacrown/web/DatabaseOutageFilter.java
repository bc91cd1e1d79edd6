package gg.deltacrown.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a {@link DatabaseOutage} anywhere below it (the authentication filters' account lookups;
 * {@link ApiErrors} answers the controllers' own the same way) into 503
 * {@code SERVICE_UNAVAILABLE} with {@code Retry-After}: the framework envelope for the API, the
 * error page for pages.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<DatabaseOutage> outage = DatabaseOutage.of(e);
            if (outage.isEmpty() || response.isCommitted()) {
                throw e;
            }
            answer(request, response, outage.get(), e);
        }
    }

    /**
     * Logs {@code database_unavailable} and answers 503 with {@code Retry-After} through
     * {@code /error}; also {@link ApiErrors}'s answer for the controllers' outages.
     */
    static void answer(HttpServletRequest request, HttpServletResponse response, DatabaseOutage outage, Exception e)
            throws IOException {
        log.atWarn()
                .addKeyValue("event_type", "database_unavailable")
                .addKeyValue("reason", outage.reason())
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("exception_type", e.getClass().getSimpleName())
                .log("Database unavailable for {}: {}", request.getRequestURI(), outage.reason());
        ErrorBodies.retryAfter(request, response, outage.retryAfterSeconds());
        ErrorBodies.send(
                request,
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                FrameworkError.SERVICE_UNAVAILABLE,
                DatabaseOutage.MESSAGE,
                null);
    }
}
