package gg.deltacrown.cli;

/** A start-up problem with a message an operator can act on; printed without a stack trace. */
class StartupException extends RuntimeException {
    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
