package gg.deltacrown.runbook;

/**
 * How one check of the run came out, with the evidence that decided it: what a success
 * criterion's row shows.
 */
record Outcome(Status status, String evidence) {

    enum Status {
        PASS("\u2705 PASS"),
        FAIL("\u274C FAIL"),
        SKIPPED("\u23ED\uFE0F SKIPPED");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    static Outcome pass(String evidence) {
        return new Outcome(Status.PASS, evidence);
    }

    static Outcome fail(String evidence) {
        return new Outcome(Status.FAIL, evidence);
    }

    static Outcome of(boolean passed, String evidence) {
        return new Outcome(passed ? Status.PASS : Status.FAIL, evidence);
    }

    /** The operator opted out; the evidence names the option. */
    static Outcome skipped(String option) {
        return new Outcome(Status.SKIPPED, "opted out with " + option);
    }

    /** An earlier failure kept the check from running: a FAIL, never a silent skip. */
    static Outcome notReached(String why) {
        return new Outcome(Status.FAIL, "not run: " + why);
    }

    boolean passed() {
        return status == Status.PASS;
    }

    boolean failed() {
        return status == Status.FAIL;
    }

    /** Both must hold (a part opted out of does not fail the whole); the evidence of both is kept. */
    Outcome and(Outcome other) {
        Status combined =
                failed() || other.failed() ? Status.FAIL : passed() || other.passed() ? Status.PASS : Status.SKIPPED;
        return new Outcome(combined, evidence + "; " + other.evidence);
    }
}
