package gg.deltacrown.cli;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagState;
import gg.deltacrown.migration.OutboxStatus;
import gg.deltacrown.migration.Rollback;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The rollback runbook's flag scenarios ({@link Rollback}), without restarts: every instance
 * applies the change within a second. Each step prints what it changed and then checks the result.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Rollback steps of DUAL_WRITE_ROLLBACK.md, applied at runtime on every instance:",
            "  status                  flags and outbox, to decide (default)",
            "  disable-dual-write      scenario 1: stop mirroring new writes (pending rows still drain)",
            "  disable-strict-mode     scenario 2: failures are logged, requests succeed",
            "  block-legacy-writes     scenario 5: legacy tables read-only (and dual-write off)",
            "Scenario 3 is 'cleanup_test_data'; scenario 4 (restore a backup) is in the README."
        })
final class RollbackCommand implements Callable<Integer> {

    private static final String STEPS = "status, disable-dual-write, disable-strict-mode or block-legacy-writes";

    @Parameters(index = "0", arity = "0..1", paramLabel = "STEP", defaultValue = "status", description = STEPS)
    String step;

    @Option(names = "--reason", description = "Why (required for a change; stored in the flag audit trail)")
    String reason;

    @Option(names = "--by", description = "Who (default: cli:$USER)")
    String by;

    @Override
    public Integer call() {
        Optional<Rollback.Step> chosen = Rollback.Step.byCommand(step);
        if (!step.equals("status") && chosen.isEmpty()) {
            throw new CommandFailedException("unknown step '" + step + "'; use " + STEPS);
        }
        if (chosen.isPresent() && (reason == null || reason.isBlank())) {
            throw new CommandFailedException("--reason is required for '" + step + "'");
        }
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            Rollback rollback = service.bean(Rollback.class);
            String who = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
            if (chosen.isPresent()) {
                for (Map.Entry<Flag, String> change : rollback.apply(chosen.get(), who, reason)) {
                    System.out.println("set " + change.getKey().variable() + "=" + change.getValue());
                }
            }
            print(rollback.status());
        }
        return 0;
    }

    private static void print(Rollback.Status status) {
        System.out.println();
        for (FlagState state : status.flags()) {
            System.out.println(state.flag().variable() + "=" + state.value() + " (" + state.describeSource() + ")");
        }
        System.out.println();
        System.out.println("database write guard: "
                + (status.guardBlocking() ? "blocking legacy writes" : "NOT blocking legacy writes") + "; "
                + status.guardPosture());
        OutboxStatus outbox = status.outbox();
        System.out.println("outbox: " + outbox.pendingCount() + " pending, " + outbox.blockedCount() + " blocked"
                + (outbox.pendingCount() > 0 ? " (pending rows still drain after dual-write is disabled)" : ""));
    }
}
