package gg.deltacrown.validation;

/** A report file or command output that is not a validation report; the message completes "the report …". */
public class MalformedReportException extends RuntimeException {
    public MalformedReportException(String message) {
        super(message);
    }
}
