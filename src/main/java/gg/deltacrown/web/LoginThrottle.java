package gg.deltacrown.web;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Failed logins per username and per client address (page and API alike; token buckets in memory,
 * per instance, as docs/adr/0008-api-throttling.md). An attempt takes from both budgets before
 * any hashing, so parallel guesses cannot all be hashed; a successful login gives both back, so
 * only failures count. Over budget: the seconds to wait, for 429 with {@code Retry-After}.
 */
@Component
@ConditionalOnWebApplication
class LoginThrottle {

    /** Longer usernames do not exist ({@code accounts_user.username} is varchar(150)). */
    private static final int KEY_LENGTH = 150;

    private final RateLimits budgets = new RateLimits();
    private final Optional<Rate> perUsername;
    private final Optional<Rate> perAddress;

    LoginThrottle(WebLimits limits) {
        this.perUsername = Rate.parse("LOGIN_THROTTLE_USERNAME", limits.loginThrottleUsername());
        this.perAddress = Rate.parse("LOGIN_THROTTLE_IP", limits.loginThrottleIp());
    }

    /** Takes one attempt: empty if it may go on, else the seconds to wait. */
    OptionalLong attempt(String username, String address) {
        OptionalLong wait = take(addressKey(address), perAddress);
        if (wait.isPresent()) {
            return wait;
        }
        wait = take(usernameKey(username), perUsername);
        if (wait.isPresent()) {
            // Refused before any hashing: it costs the address nothing.
            budgets.giveBack(addressKey(address));
        }
        return wait;
    }

    void succeeded(String username, String address) {
        budgets.giveBack(addressKey(address));
        budgets.giveBack(usernameKey(username));
    }

    /** Forgets every budget (tests start from a clean slate). */
    void clear() {
        budgets.clear();
    }

    private OptionalLong take(String key, Optional<Rate> rate) {
        return rate.isPresent() ? budgets.take(key, rate.get()) : OptionalLong.empty();
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String usernameKey(String username) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        return "username:" + (name.length() > KEY_LENGTH ? name.substring(0, KEY_LENGTH) : name);
    }
}
