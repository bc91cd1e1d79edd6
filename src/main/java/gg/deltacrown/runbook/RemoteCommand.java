package gg.deltacrown.runbook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.core.NestedExceptionUtils;

/**
 * Runs a command of the staging environment ({@code kubectl}, {@code docker}) as a child process
 * without a shell and without a terminal ({@code -it} would garble captured output), and returns
 * what it printed on stdout.
 */
final class RemoteCommand {

    private static final long TIMEOUT_MINUTES = 10;

    private RemoteCommand() {}

    /** Prints the command line ({@code $ kubectl …}) to {@code out}, runs it, returns its stdout. */
    static String run(List<String> command, Consumer<String> out) {
        out.accept("$ " + String.join(" ", command));
        Path errors = null;
        try {
            errors = Files.createTempFile("deltacrown-remote", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(errors.toFile())
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new RunbookFailedException(
                        command.get(0) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
                throw new RunbookFailedException(command.get(0) + " exited with " + process.exitValue()
                        + (stderr.isEmpty()
                                ? ""
                                : ": "
                                        + stderr.lines()
                                                .limit(5)
                                                .reduce((a, b) -> a + " / " + b)
                                                .orElse("")));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunbookFailedException(
                    "cannot run " + command.get(0) + " (is it installed and on PATH?): " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookFailedException("interrupted while running " + command.get(0));
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The first line of the innermost cause: what an operator can act on. */
    static String rootMessage(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
