package gg.deltacrown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./deltacrown test}: the launcher script runs the test suite itself (Maven, from the source
 * checkout); listed here so that {@code --help} names every command.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Run every test, as CI does: mvn verify on real PostgreSQL, through scripts/test.sh",
            "(needs the source checkout; extra arguments go to Maven)."
        })
final class TestCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("test: run ./deltacrown test from the source checkout (the launcher runs the tests)");
        return 2;
    }
}
