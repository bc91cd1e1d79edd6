package gg.deltacrown.web;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session follows its account: every page request reads the signed-in account again (one
 * indexed query, as the Bearer API does in {@link Tokens#authentication}). Deleted or deactivated:
 * the session ends and the browser goes to the login page. Otherwise the request runs with the
 * account's current {@code is_staff}, so a de-staffed operator is refused {@code /ops/} at once.
 */
final class SessionAccountCheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionAccountCheck.class);

    private final Accounts accounts;

    SessionAccountCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/static/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = accounts.byId(user.id()).filter(Account::active);
        if (account.isEmpty()) {
            signOut(request, response, user);
            return;
        }
        SignedInUser current = SignedInUser.of(account.get());
        if (!current.equals(user)) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(current, null, current.authorities()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private static void signOut(HttpServletRequest request, HttpServletResponse response, SignedInUser user)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        log.atInfo()
                .addKeyValue("event_type", "session_signed_out")
                .addKeyValue("user_id", user.id())
                .addKeyValue("path", request.getRequestURI())
                .log("Signed out the session of a deleted or deactivated account");
        response.sendRedirect(request.getContextPath() + "/login");
    }
}
