package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 of the API in the framework envelope: no credentials → {@code UNAUTHENTICATED};
 * a token that is invalid, expired or of a deactivated user → {@code AUTHENTICATION_FAILED};
 * signed in but not allowed (staff-only paths) → {@code PERMISSION_DENIED}.
 */
class ApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ApiSecurityErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean badToken = e instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        FrameworkError body = badToken
                ? new FrameworkError("Given token not valid for any token type", FrameworkError.AUTHENTICATION_FAILED)
                : new FrameworkError("Authentication credentials were not provided.", FrameworkError.UNAUTHENTICATED);
        body.write(response, HttpStatus.UNAUTHORIZED, json);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        new FrameworkError("You do not have permission to perform this action.", FrameworkError.PERMISSION_DENIED)
                .write(response, HttpStatus.FORBIDDEN, json);
    }
}
