package gg.deltacrown.runbook;

/** A step of the automated runbook could not be carried out; the message says which and why. */
public class RunbookFailedException extends RuntimeException {

    public RunbookFailedException(String message) {
        super(message);
    }
}
