package gg.deltacrown.runbook;

/**
 * The operator at the keyboard, as the command line gives it: the runbook asks only when
 * {@link #interactive()} is true, never a pipe or a CI job.
 */
public interface OperatorPrompt {

    /** True when stdin and stdout are a terminal. */
    boolean interactive();

    /** Prints the prompt and reads one line (null at end of input). */
    String ask(String prompt);
}
