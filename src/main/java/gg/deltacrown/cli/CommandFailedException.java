package gg.deltacrown.cli;

/** A command could not do what was asked; the message says why (exit code 1). */
class CommandFailedException extends RuntimeException {
    CommandFailedException(String message) {
        super(message);
    }
}
