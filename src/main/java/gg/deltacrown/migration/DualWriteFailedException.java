package gg.deltacrown.migration;

/**
 * Strict mode only: the shadow write failed inside the request transaction, which is therefore
 * rolled back. The web layer answers 500 {@code DUAL_WRITE_FAILED}; nothing was committed.
 */
public class DualWriteFailedException extends RuntimeException {
    public DualWriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
