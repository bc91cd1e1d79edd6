package gg.deltacrown.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.security.web.RedirectStrategy;

/**
 * Redirects to the path (and query) of a URL only. The page you asked for before logging in is
 * saved as a full URL built from the request's {@code Host} header; redirecting to it as it is
 * would send you to whatever host the request claimed. A path cannot leave this site (leading
 * slashes are collapsed, so {@code //evil.example} stays here too).
 */
final class PathOnlyRedirects implements RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + pathOf(url, request)));
    }

    static String pathOf(String url, HttpServletRequest request) {
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (path.startsWith(request.getContextPath() + "/")) {
                path = path.substring(request.getContextPath().length());
            }
            return path.replaceFirst("^/+", "/") + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
