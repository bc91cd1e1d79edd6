package gg.deltacrown.accounts;

/** The profile table has a required column this service cannot fill: no account was created. */
public class UnsupportedProfileTableException extends RuntimeException {

    public UnsupportedProfileTableException(String message) {
        super(message);
    }
}
