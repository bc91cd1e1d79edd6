package gg.deltacrown.cli;

import gg.deltacrown.migration.TestDataCleanup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rollback scenario 3: remove the staging test teams from vNext and legacy. */
@Command(
        name = "cleanup_test_data",
        mixinStandardHelpOptions = true,
        description = {
            "Delete test teams (by name pattern) from vNext and legacy, children first, in one transaction.",
            "Without --yes it is a dry run: everything is deleted, checked and rolled back."
        })
final class CleanupTestDataCommand implements Callable<Integer> {

    @Option(
            names = "--pattern",
            paramLabel = "LIKE",
            description =
                    "SQL LIKE pattern of team names (repeatable; default: the runbooks' %%Staging Test%%, %%Test Team%%, Perf Test%%)")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--yes", description = "Commit the deletion")
    boolean commit;

    @Override
    public Integer call() {
        List<String> chosen = patterns.isEmpty() ? TestDataCleanup.RUNBOOK_PATTERNS : patterns;
        for (String pattern : chosen) {
            if (pattern.isBlank() || pattern.replace("%", "").replace("_", "").isBlank()) {
                throw new CommandFailedException("refusing pattern '" + pattern + "': it would match every team");
            }
        }
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            TestDataCleanup.Result result = service.bean(TestDataCleanup.class).clean(chosen, commit);
            System.out.println((commit ? "Deleted " : "Would delete ")
                    + result.teamNames().size() + " test team(s) matching " + chosen + ":");
            result.teamNames().forEach(name -> System.out.println("  - " + name));
            result.deleted().forEach((table, rows) -> System.out.println(String.format("  %-34s %d", table, rows)));
            System.out.println("Orphan map rows after cleanup: " + result.orphanMaps());
            System.out.println(commit ? "Committed." : "Dry run: rolled back. Run again with --yes to commit.");
        }
        return 0;
    }
}
