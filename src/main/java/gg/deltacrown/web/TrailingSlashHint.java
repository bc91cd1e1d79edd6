package gg.deltacrown.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API path without its trailing slash ({@code POST /api/auth/login}) answers 404 in the framework
 * envelope naming the path that exists ({@code /api/auth/login/}), as Django's APPEND_SLASH error
 * did, instead of whatever the security chain says about an unknown path (401 "credentials not
 * provided"). Runs before security: the answer depends only on the path.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TrailingSlashHint extends OncePerRequestFilter {

    private final RequestMappingHandlerMapping mappings;
    private final JsonMapper json;
    private volatile List<PathPattern> patterns;

    TrailingSlashHint(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, JsonMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.startsWith("/api/") || path.endsWith("/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (!mapped(path) && mapped(path + "/")) {
            new FrameworkError(
                            "Not found: " + path + " has no trailing slash; the endpoint is " + path + "/",
                            FrameworkError.NOT_FOUND)
                    .write(response, HttpStatus.NOT_FOUND, json);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean mapped(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns().stream().anyMatch(pattern -> pattern.matches(container));
    }

    private List<PathPattern> patterns() {
        if (patterns == null) {
            patterns = mappings.getHandlerMethods().keySet().stream()
                    .map(RequestMappingInfo::getPathPatternsCondition)
                    .filter(Objects::nonNull)
                    .flatMap(condition -> condition.getPatterns().stream())
                    .toList();
        }
        return patterns;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
