package gg.deltacrown.cli;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.FlagState;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The rollback runbook's flag scenarios (spec section 9), without restarts: every instance applies
 * the change within a second. Each step prints what it changed and then checks the result.
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

    private static final Map<String, List<Map.Entry<Flag, String>>> STEPS = Map.of(
            "disable-dual-write", List.of(Map.entry(Flag.DUAL_WRITE_ENABLED, "false")),
            "disable-strict-mode", List.of(Map.entry(Flag.DUAL_WRITE_STRICT_MODE, "false")),
            "block-legacy-writes",
                    List.of(
                            Map.entry(Flag.LEGACY_WRITE_BLOCKED, "true"),
                            Map.entry(Flag.LEGACY_WRITE_BYPASS_ENABLED, "false"),
                            Map.entry(Flag.DUAL_WRITE_ENABLED, "false")));

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "STEP",
            defaultValue = "status",
            description = "status, disable-dual-write, disable-strict-mode or block-legacy-writes")
    String step;

    @Option(names = "--reason", description = "Why (required for a change; stored in the flag audit trail)")
    String reason;

    @Option(names = "--by", description = "Who (default: cli:$USER)")
    String by;

    @Override
    public Integer call() {
        if (!step.equals("status") && !STEPS.containsKey(step)) {
            throw new CommandFailedException("unknown step '" + step
                    + "'; use status, disable-dual-write, disable-strict-mode or block-legacy-writes");
        }
        if (!step.equals("status") && (reason == null || reason.isBlank())) {
            throw new CommandFailedException("--reason is required for '" + step + "'");
        }
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            Flags flags = service.bean(Flags.class);
            String who = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
            for (Map.Entry<Flag, String> change : STEPS.getOrDefault(step, List.of())) {
                flags.change(
                        change.getKey(),
                        change.getValue(),
                        FlagSource.RUNTIME,
                        who,
                        "rollback " + step + ": " + reason);
                System.out.println("set " + change.getKey().variable() + "=" + change.getValue());
            }
            printStatus(flags, service.bean(OutboxAdmin.class).status(), service.bean(JdbcClient.class));
        }
        return 0;
    }

    private static void printStatus(Flags flags, OutboxStatus outbox, JdbcClient jdbc) {
        System.out.println();
        for (FlagState state : flags.all()) {
            System.out.println(state.flag().variable() + "=" + state.value() + " (" + state.describeSource() + ")");
        }
        boolean guardOn = jdbc.sql("SELECT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true)")
                .query(Boolean.class)
                .single();
        System.out.println();
        System.out.println(
                "database write guard: " + (guardOn ? "blocking legacy writes" : "NOT blocking legacy writes"));
        System.out.println("outbox: " + outbox.pendingCount() + " pending, " + outbox.blockedCount() + " blocked"
                + (outbox.pendingCount() > 0 ? " (pending rows still drain after dual-write is disabled)" : ""));
    }
}
