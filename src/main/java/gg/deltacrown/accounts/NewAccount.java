package gg.deltacrown.accounts;

/** What it takes to create an account. */
public record NewAccount(String username, String email, String password, boolean staff) {}
