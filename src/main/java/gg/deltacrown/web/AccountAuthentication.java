package gg.deltacrown.web;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username and password against {@code accounts_user} (Django's password hashes), for the login
 * page and the token endpoints. A wrong password, an unknown user, an unusable password and an
 * inactive account fail alike, after the same amount of hashing (an unknown user is compared
 * against a dummy hash of the configured cost), so neither the answer nor its timing tells which
 * it was. Attempts are throttled per username and per address ({@link LoginThrottle}) before any
 * hashing.
 */
@Component
@ConditionalOnWebApplication
class AccountAuthentication implements AuthenticationProvider {

    static final String FAILURE = "Invalid username or password";

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final String unknownUserHash;

    AccountAuthentication(Accounts accounts, PasswordEncoder passwords, LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        byte[] unguessable = new byte[32];
        new SecureRandom().nextBytes(unguessable);
        this.unknownUserHash = passwords.encode(Base64.getEncoder().encodeToString(unguessable));
    }

    /** The signed-in user; {@link BadCredentialsException}, or {@link Throttled} over budget. */
    SignedInUser signIn(String username, String password, String address) {
        OptionalLong wait = throttle.attempt(username, address);
        if (wait.isPresent()) {
            throw new Throttled(wait.getAsLong());
        }
        Optional<Account> account =
                username == null || username.isEmpty() ? Optional.empty() : accounts.byUsername(username);
        String hash = account.map(Account::passwordHash).orElse(unknownUserHash);
        boolean matches = passwords.matches(password == null ? "" : password, hash);
        if (account.isEmpty() || !matches || !account.get().active()) {
            throw new BadCredentialsException(FAILURE);
        }
        throttle.succeeded(username, address);
        return SignedInUser.of(account.get());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        SignedInUser user = signIn(authentication.getName(), String.valueOf(authentication.getCredentials()), address);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many failed logins for this username or address: try again after {@link #retryAfterSeconds}. */
    static final class Throttled extends AuthenticationException {
        private final long retryAfterSeconds;

        Throttled(long retryAfterSeconds) {
            super("Too many failed logins. Try again in " + retryAfterSeconds + " seconds.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
