package gg.deltacrown.teams;

/** The input breaks field rules; {@link #errors()} says which ({@code validation_error}, docs/adr/0007). */
public class InvalidInputException extends RuntimeException {

    private final transient FieldErrors errors;

    public InvalidInputException(FieldErrors errors) {
        super("Invalid input data: " + errors, null, false, false);
        this.errors = errors;
    }

    public FieldErrors errors() {
        return errors;
    }
}
