package gg.deltacrown.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr and a non-zero exit code, not a stack trace
 * wall. Known start-up problems (bad flag, unreachable database, busy port) carry their own
 * message; anything else is reported by its root cause.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
        System.err.println(commandLine.getCommandName() + ": " + describe(error));
        if (System.getenv("DELTACROWN_DEBUG") != null) {
            error.printStackTrace(System.err);
        }
        return FAILURE;
    }

    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupException
                    || cause instanceof gg.deltacrown.flags.InvalidFlagValueException
                    || cause instanceof gg.deltacrown.database.IncompatibleDatabaseException
                    || cause instanceof CommandFailedException) {
                return cause.getMessage();
            }
            if (cause.getClass().getName().endsWith("PortInUseException")) {
                return "the port is already in use; stop the other process or set PORT to another port";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return DatabaseTarget.rootMessage(error);
    }
}
