package gg.deltacrown.cli;

import gg.deltacrown.flags.EnvironmentFlags;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagChange;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.FlagState;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.InvalidFlagValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows and changes the feature flags (README, Configuration and Subcommands). */
@Command(
        name = "flags",
        mixinStandardHelpOptions = true,
        description = "Print every flag as NAME=value (source); 'flags set' changes one at runtime.",
        subcommands = {FlagsCommand.Set.class, FlagsCommand.History.class})
final class FlagsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Map<Flag, String> environment = safeEnvironment();
        List<String> notApplied = new ArrayList<>();
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            for (FlagState state : service.bean(Flags.class).all()) {
                String line = state.flag().variable() + "=" + state.value() + " (" + state.describeSource() + ")";
                String inShell = environment.get(state.flag());
                if (inShell != null && !inShell.equals(state.value())) {
                    line += "  <- this shell: " + inShell + ", not applied";
                    notApplied.add(state.flag().variable() + " " + inShell);
                }
                System.out.println(line);
            }
        }
        if (!notApplied.isEmpty()) {
            System.out.println();
            System.out.println(
                    "'flags' only reads the flags; a variable set in this shell changes nothing. To apply it:");
            notApplied.forEach(change -> System.out.println(
                    "  ./deltacrown flags set " + change + " --reason '...'   (every instance, now)"));
            System.out.println("  or set it where 'serve' runs and restart it (serve applies its environment at"
                    + " start-up; a variable removed there returns its flag to the default).");
        }
        return 0;
    }

    private static Map<Flag, String> safeEnvironment() {
        try {
            return EnvironmentFlags.read(System::getenv);
        } catch (InvalidFlagValueException e) {
            System.err.println("note: " + e.getMessage());
            return Map.of();
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Change a flag at runtime; every instance applies it within a second.")
    static final class Set implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "Flag variable, e.g. TEAM_VNEXT_DUAL_WRITE_ENABLED")
        String name;

        @Parameters(
                index = "1",
                paramLabel = "VALUE",
                description = "true/false (1/0, yes/no, on/off) or a routing mode")
        String value;

        @Option(names = "--reason", required = true, description = "Why (stored in the audit trail)")
        String reason;

        @Option(names = "--by", description = "Who (default: cli:$USER)")
        String by;

        @Override
        public Integer call() {
            Flag flag = Flag.byName(name)
                    .orElseThrow(() -> new CommandFailedException("unknown flag '" + name + "'; known flags: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Flag.values())
                                            .map(Flag::variable)
                                            .toList())));
            String normalized;
            try {
                normalized = flag.normalize(value);
            } catch (InvalidFlagValueException e) {
                throw new CommandFailedException(e.getMessage());
            }
            String who = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
            try (ServiceBootstrap service =
                    ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
                Flags flags = service.bean(Flags.class);
                flags.change(flag, normalized, FlagSource.RUNTIME, who, reason);
                FlagState state = flags.state(flag);
                System.out.println(flag.variable() + "=" + state.value() + " (" + state.describeSource() + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Print recent flag changes, newest first.")
    static final class History implements Callable<Integer> {

        @Option(names = "--limit", defaultValue = "20", description = "How many changes (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new CommandFailedException("--limit must be at least 1");
            }
            try (ServiceBootstrap service =
                    ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
                for (FlagChange change : service.bean(Flags.class).history(limit)) {
                    System.out.println(change.changedAt() + " " + change.name() + ": " + change.oldValue() + " -> "
                            + change.newValue() + " (" + change.source() + " by " + change.changedBy() + ")"
                            + (change.reason().isEmpty() ? "" : " - " + change.reason()));
                }
            }
            return 0;
        }
    }
}
