package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A failed page login goes back to the form with the username kept ({@code /login?error&username=..}),
 * so only the password has to be typed again. The password is never echoed.
 */
final class LoginFailureRedirect implements AuthenticationFailureHandler {

    private static final int MAX_USERNAME = 150;

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String username = request.getParameter("username");
        String query = "error";
        if (username != null && !username.isBlank()) {
            String kept = username.strip();
            kept = kept.length() > MAX_USERNAME ? kept.substring(0, MAX_USERNAME) : kept;
            query += "&username=" + URLEncoder.encode(kept, StandardCharsets.UTF_8);
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}
