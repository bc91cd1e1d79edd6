package gg.deltacrown.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose parameters carry a {@link ForbiddenCharacters forbidden character}, with
 * 400 {@code VALIDATION_ERROR} naming the parameter, before any filter or controller uses them
 * (the login form's username would otherwise reach a query). Pages: query string and form fields.
 * API: the query string only; JSON bodies are checked by {@link JsonBody}, and an API body is
 * never parsed as a form here (that would consume it).
 */
final class RequestParameterCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters(request)) {
            String nameProblem = ForbiddenCharacters.problem(parameter.getKey());
            String problem = nameProblem != null ? nameProblem : ForbiddenCharacters.problem(parameter.getValue());
            if (problem != null) {
                problems.putIfAbsent(nameProblem != null ? "non_field_errors" : parameter.getKey(), List.of(problem));
            }
        }
        if (problems.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ErrorBodies.send(
                request, response, HttpStatus.BAD_REQUEST, FrameworkError.VALIDATION_ERROR, "Invalid input.", problems);
    }

    private static List<Map.Entry<String, String>> parameters(HttpServletRequest request) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (!ApiErrors.isApi(request)) {
            request.getParameterMap().forEach((name, values) -> {
                for (String value : values) {
                    parameters.add(Map.entry(name, value));
                }
            });
            return parameters;
        }
        String query = request.getQueryString();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.add(Map.entry(
                    decode(equals < 0 ? pair : pair.substring(0, equals)),
                    equals < 0 ? "" : decode(pair.substring(equals + 1))));
        }
        return parameters;
    }

    /** Malformed escapes are left as they are: Spring's own parsing answers those. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
