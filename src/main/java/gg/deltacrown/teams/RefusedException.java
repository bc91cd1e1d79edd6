package gg.deltacrown.teams;

/** The module refused a request for a {@link Refusal reason}; nothing was changed. */
public class RefusedException extends RuntimeException {

    private final Refusal refusal;
    private final String safeMessage;

    RefusedException(Refusal refusal, String message, String safeMessage) {
        super(message, null, false, false);
        this.refusal = refusal;
        this.safeMessage = safeMessage;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** For end users; null when the message itself is fit to show. */
    public String safeMessage() {
        return safeMessage;
    }
}
