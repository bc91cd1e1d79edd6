package gg.deltacrown.web;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Username and password against {@code accounts_user} (Django's password hashes), for the login
 * page and the token endpoints. A wrong password, an unknown user and an inactive account fail
 * alike, after the same amount of hashing, so the answer reveals nothing about which it was.
 */
@Component
@ConditionalOnWebApplication
class AccountAuthentication implements AuthenticationProvider {

    static final String FAILURE = "Invalid username or password";

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final String unknownUserHash;

    AccountAuthentication(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.unknownUserHash = passwords.encode("no such user: compare against something of equal cost");
    }

    /** The signed-in user, or {@link BadCredentialsException}. */
    SignedInUser signIn(String username, String password) {
        Optional<Account> account =
                username == null || username.isEmpty() ? Optional.empty() : accounts.byUsername(username);
        String hash = account.map(Account::passwordHash).orElse(unknownUserHash);
        boolean matches = passwords.matches(password == null ? "" : password, hash);
        if (account.isEmpty() || !matches || !account.get().active()) {
            throw new BadCredentialsException(FAILURE);
        }
        return SignedInUser.of(account.get());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SignedInUser user = signIn(authentication.getName(), String.valueOf(authentication.getCredentials()));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
