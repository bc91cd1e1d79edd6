package gg.deltacrown.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's throttles (docs/adr/0008): anonymous requests per client IP, signed-in requests per user.
 * Runs in the API filter chain after authentication, so it knows who is asking. Over budget: 429
 * {@code RATE_LIMITED} with {@code Retry-After}.
 */
class ThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ThrottleFilter.class);

    private final RateLimits limits;
    private final Optional<Rate> anonymous;
    private final Optional<Rate> signedIn;
    private final JsonMapper json;

    ThrottleFilter(RateLimits limits, ApiProperties properties, JsonMapper json) {
        this.limits = limits;
        this.anonymous = Rate.parse("API_THROTTLE_ANON", properties.throttleAnon());
        this.signedIn = Rate.parse("API_THROTTLE_USER", properties.throttleUser());
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        boolean known = principal instanceof SignedInUser;
        Optional<Rate> rate = known ? signedIn : anonymous;
        String key = principal instanceof SignedInUser user ? "user:" + user.id() : "anon:" + request.getRemoteAddr();
        OptionalLong wait = rate.isPresent() ? limits.take(key, rate.get()) : OptionalLong.empty();
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        log.atWarn()
                .addKeyValue("event_type", "request_throttled")
                .addKeyValue("throttle", known ? "user" : "anon")
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("retry_after", wait.getAsLong())
                .log("Request throttled");
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
        new FrameworkError(
                        "Request was throttled. Expected available in " + wait.getAsLong() + " seconds.",
                        FrameworkError.RATE_LIMITED)
                .write(response, HttpStatus.TOO_MANY_REQUESTS, json);
    }
}
