package gg.deltacrown.web;

import gg.deltacrown.accounts.Account;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who made a request, however they signed in (Bearer token or session). Controllers take it with
 * {@code @AuthenticationPrincipal SignedInUser me}.
 */
public record SignedInUser(long id, String username, boolean staff) implements Principal, Serializable {

    static final String STAFF_ROLE = "STAFF";

    static SignedInUser of(Account account) {
        return new SignedInUser(account.id(), account.username(), account.staff());
    }

    List<GrantedAuthority> authorities() {
        return staff ? List.of(new SimpleGrantedAuthority("ROLE_" + STAFF_ROLE)) : List.of();
    }

    @Override
    public String getName() {
        return username;
    }
}
