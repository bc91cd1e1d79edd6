package gg.deltacrown.flags;

/** A flag value that the flag does not accept; the message names the variable and the choices. */
public class InvalidFlagValueException extends IllegalArgumentException {

    private final String variable;

    public InvalidFlagValueException(String variable, String value, String allowed) {
        super("invalid value '" + value + "' for " + variable + " (expected " + allowed + ")");
        this.variable = variable;
    }

    InvalidFlagValueException(String message) {
        super(message);
        this.variable = null;
    }

    public String variable() {
        return variable;
    }
}
