package gg.deltacrown.support;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.accounts.NewAccount;

/** Accounts for tests: {@code username@example.com}, password {@value #PASSWORD}. */
public final class AccountFixture {

    public static final String PASSWORD = "testpass";

    private final Accounts accounts;

    public AccountFixture(Accounts accounts) {
        this.accounts = accounts;
    }

    public Account player(String username) {
        return accounts.create(new NewAccount(username, username + "@example.com", PASSWORD, false));
    }

    public Account staff(String username) {
        return accounts.create(new NewAccount(username, username + "@example.com", PASSWORD, true));
    }
}
