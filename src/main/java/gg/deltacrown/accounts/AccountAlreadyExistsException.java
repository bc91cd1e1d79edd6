package gg.deltacrown.accounts;

/** The username or email is already taken. */
public class AccountAlreadyExistsException extends RuntimeException {
    public AccountAlreadyExistsException(String message) {
        super(message);
    }
}
