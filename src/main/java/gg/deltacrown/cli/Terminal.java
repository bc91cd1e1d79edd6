package gg.deltacrown.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/** The operator at the keyboard, when there is one: commands never prompt a pipe or a CI job. */
final class Terminal {

    private static BufferedReader input;

    private Terminal() {}

    /**
     * True when stdin and stdout are a terminal. From JDK 22 {@link System#console()} exists even
     * when they are redirected, and {@code Console.isTerminal()} tells the difference.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Prints the prompt and reads one line (null at end of input). */
    static String ask(String prompt) {
        System.out.print(prompt);
        System.out.flush();
        try {
            if (input == null) {
                input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            return input.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
