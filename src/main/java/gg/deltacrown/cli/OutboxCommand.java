package gg.deltacrown.cli;

import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxEntry;
import gg.deltacrown.migration.OutboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Operates the dual-write outbox: what is pending or blocked, and what to do about it. */
@Command(
        name = "outbox",
        mixinStandardHelpOptions = true,
        description = "Dual-write outbox: status (default), list, retry, unblock, purge.",
        subcommands = {
            OutboxCommand.List_.class,
            OutboxCommand.Retry.class,
            OutboxCommand.Unblock.class,
            OutboxCommand.Purge.class
        })
final class OutboxCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            OutboxStatus status = service.bean(OutboxAdmin.class).status();
            System.out.println("pending:              " + status.pendingCount()
                    + (status.retryingCount() > 0 ? " (" + status.retryingCount() + " retrying after a failure)" : ""));
            System.out.println("blocked:              " + status.blockedCount());
            System.out.println(
                    "oldest pending age:   " + String.format(Locale.ROOT, "%.1f s", status.oldestPendingAgeSeconds()));
            System.out.println("completed last hour:  " + status.completedLastHour());
            if (status.blockedCount() > 0) {
                System.out.println("\nBlocked rows wait for an operator: 'outbox list --status blocked', fix the cause,"
                        + " then 'outbox unblock --all'.");
            }
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rows, newest first.")
    static final class List_ implements Callable<Integer> {

        @Option(names = "--status", description = "pending, blocked or done (default: all)")
        String status;

        @Option(names = "--limit", defaultValue = "20", description = "How many rows (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            OutboxEntry.Status wanted = status == null
                    ? null
                    : OutboxEntry.Status.parse(status)
                            .orElseThrow(() -> new CommandFailedException(
                                    "--status must be pending, blocked or done (got '" + status + "')"));
            if (limit < 1) {
                throw new CommandFailedException("--limit must be at least 1");
            }
            try (ServiceBootstrap service =
                    ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
                for (OutboxEntry entry : service.bean(OutboxAdmin.class).list(wanted, limit)) {
                    System.out.println(entry.id() + " " + entry.status() + " "
                            + entry.operation().logName()
                            + " team_id=" + entry.teamId()
                            + (entry.membershipId() == null ? "" : " membership_id=" + entry.membershipId())
                            + " attempts=" + entry.attempts() + " created_at=" + entry.createdAt()
                            + (entry.blockedReason() == null ? "" : " blocked_reason=" + entry.blockedReason())
                            + (entry.lastError() == null ? "" : " last_error=\"" + entry.lastError() + "\""));
                }
            }
            return 0;
        }
    }

    /** The rows an action applies to: ids, or {@code --all}. */
    abstract static class Selection implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "ID", description = "Outbox row ids")
        List<Long> ids = List.of();

        @Option(names = "--all", description = "Every row the action applies to")
        boolean all;

        @Override
        public Integer call() {
            if (ids.isEmpty() == !all) {
                throw new CommandFailedException("give row ids or --all (not both)");
            }
            try (ServiceBootstrap service =
                    ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
                System.out.println(apply(service.bean(OutboxAdmin.class)));
            }
            return 0;
        }

        abstract String apply(OutboxAdmin outbox);
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Make pending rows that wait for their backoff due now.")
    static final class Retry extends Selection {
        @Override
        String apply(OutboxAdmin outbox) {
            return "due now: " + outbox.retryNow(ids, all) + " row(s)";
        }
    }

    @Command(
            name = "unblock",
            mixinStandardHelpOptions = true,
            description = "Return blocked rows to pending, with their attempts reset.")
    static final class Unblock extends Selection {
        @Override
        String apply(OutboxAdmin outbox) {
            return "unblocked: " + outbox.unblock(ids, all) + " row(s)";
        }
    }

    @Command(
            name = "purge",
            mixinStandardHelpOptions = true,
            description = "Delete completed rows older than the retention (OUTBOX_RETENTION, default 7d).")
    static final class Purge implements Callable<Integer> {

        @Option(names = "--older-than", description = "e.g. 7d, 12h, 30m (default: the retention)")
        String olderThan;

        @Override
        public Integer call() {
            Duration age = olderThan == null ? null : parseAge(olderThan);
            try (ServiceBootstrap service =
                    ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
                OutboxAdmin outbox = service.bean(OutboxAdmin.class);
                System.out.println("purged: " + outbox.purge(age) + " completed row(s) older than "
                        + (age == null ? outbox.retention() : age));
            }
            return 0;
        }
    }

    static Duration parseAge(String value) {
        Matcher matcher = Pattern.compile("(\\d+)([dhms])").matcher(value.trim());
        if (!matcher.matches()) {
            throw new CommandFailedException("--older-than must look like 7d, 12h, 30m or 45s (got '" + value + "')");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
