package gg.deltacrown.teams.web;

import gg.deltacrown.teams.FieldErrors;

/** The request body has values of the wrong JSON type (or is not JSON): 400 with field details. */
class InvalidRequest extends RuntimeException {

    private final String errorCode;
    private final transient FieldErrors errors;

    InvalidRequest(String errorCode, FieldErrors errors) {
        super("invalid request body: " + errors, null, false, false);
        this.errorCode = errorCode;
        this.errors = errors;
    }

    String errorCode() {
        return errorCode;
    }

    FieldErrors errors() {
        return errors;
    }
}
