package gg.deltacrown.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code deltacrown} command: one launcher for the service and every runbook tool.
 * Subcommands are dispatched by picocli, which also gives every command its {@code --help}.
 */
@Command(
        name = "deltacrown",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "DeltaCrown team & organization (vNext) service and migration tools.",
        subcommands = {
            ServeCommand.class,
            FlagsCommand.class,
            UsersCommand.class,
            ValidationReportCommand.class,
            StagingValidationTestCommand.class,
            StagingRunbookCommand.class,
            OutboxCommand.class,
            RollbackCommand.class,
            CleanupTestDataCommand.class,
            SeedScaleCommand.class,
            PsqlCommand.class,
            TestCommand.class,
            BackfillCommand.class,
            RepairCommand.class,
            GrantsCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by {@link #main} and by tests). */
    public static int run(String... args) {
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        // Reports print emoji: never let a C/POSIX locale turn them into '?'.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        // Before the first logger exists: serve logs to stdout, tools keep stdout for their output and
        // log only warnings unless asked (--verbose, or LOG_LEVEL).
        System.setProperty("deltacrown.log.target", serve ? "System.out" : "System.err");
        System.setProperty("deltacrown.log.level", logLevel(serve, args));
        Settings settings = Settings.fromEnvironment();
        try {
            settings.logFormat();
        } catch (StartupException e) {
            System.err.println("deltacrown: " + e.getMessage());
            return 2;
        }
        return commandLine().execute(args);
    }

    /** The command line with every subcommand, as {@link #run} executes it. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        // psql's own options (-c, -f, -v...) pass through in order after the first one picocli does not know.
        commandLine.getSubcommands().get("psql").setStopAtUnmatched(true);
        CommandList.install(commandLine);
        return commandLine;
    }

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Log what the command does (INFO) on stderr; otherwise only warnings and errors.")
    boolean verbose;

    /** serve: LOG_LEVEL (default INFO); the other commands: WARN, INFO with --verbose, or LOG_LEVEL. */
    static String logLevel(boolean serve, String... args) {
        String configured = System.getenv("LOG_LEVEL");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (serve) {
            return "INFO";
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--verbose")) {
                return "INFO";
            }
        }
        return "WARN";
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
