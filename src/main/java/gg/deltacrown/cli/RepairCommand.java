package gg.deltacrown.cli;

import gg.deltacrown.migration.repair.DriftIds;
import gg.deltacrown.migration.repair.Repair;
import gg.deltacrown.migration.repair.RepairOptions;
import gg.deltacrown.migration.repair.RepairProgress;
import gg.deltacrown.migration.repair.RepairSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Brings drifted legacy shadows back to the vNext state, through the dual-write's own sync. */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Find what the validation report finds (name, slug, roster and ranking drift, unverified map",
            "rows, recent vNext teams without a shadow, BLOCKED outbox rows) on every pair, bring those",
            "legacy shadows to the vNext state with the dual-write's shadow writer, then check them again.",
            "Exit 0 when nothing drifts afterwards, 1 otherwise."
        })
final class RepairCommand implements Callable<Integer> {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Option(names = "--dry-run", description = "Find and count the drift; write nothing")
    boolean dryRun;

    @Option(
            names = "--team-id",
            paramLabel = "N",
            description = "Only this vNext team, drifted or not (replays its sync, like the dispatcher)")
    Long teamId;

    @Option(
            names = "--ids",
            paramLabel = "FILE",
            description = "Only the vNext teams of this drift ids file (vnext_validation_report --full --output-ids)")
    Path ids;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + RepairOptions.DEFAULT_BATCH_SIZE,
            description = "vNext teams per transaction (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "1",
            description = "Batches in flight at once, each on a connection of its own (default ${DEFAULT-VALUE})")
    int workers;

    @Option(
            names = "--format",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "Output format on stdout (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandFailedException("--format must be text or json, not '" + format + "'");
        }
        RepairOptions options = new RepairOptions(dryRun, teamId, ids, batchSize, workers);
        if (!options.problems().isEmpty()) {
            throw new CommandFailedException(String.join("; ", options.problems()));
        }
        RepairSummary summary;
        // A connection per worker and one for the checks before and after.
        Map<String, Object> pool = Map.of("spring.datasource.hikari.maximum-pool-size", workers + 1);
        try (ServiceBootstrap service =
                        ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment(), pool);
                Progress progress = new Progress()) {
            summary = service.bean(Repair.class).run(options, progress);
        } catch (DriftIds.UnreadableException e) {
            throw new CommandFailedException(e.getMessage());
        }
        if (format.equals("json")) {
            System.out.println(JSON.writeValueAsString(json(summary)));
        } else {
            print(summary);
        }
        if (teamId != null && !summary.missingTeams().isEmpty()) {
            System.err.println("repair: vNext team " + teamId + " does not exist");
            return FailureHandler.FAILURE;
        }
        return summary.dryRun() || summary.afterTotal() == 0 ? 0 : FailureHandler.FAILURE;
    }

    private static void print(RepairSummary s) {
        System.out.printf(
                "repair: %s in %.1f s (%s)%n",
                s.dryRun() ? "dry run, nothing written" : "done",
                s.elapsedSeconds(),
                switch (s.source()) {
                    case "team" -> "one team";
                    case "ids" -> "the teams of the ids file";
                    default -> "the full verification of every pair";
                });
        System.out.printf("  drift before:        %s%n", describe(s.before()));
        if (!s.notRepairable().isEmpty()) {
            System.out.printf(
                    "  not repairable:      %s (vNext has nothing to repair from)%n", describe(s.notRepairable()));
        }
        if (s.unusableLineCount() > 0) {
            System.out.printf("  unusable lines:      %,d%n", s.unusableLineCount());
            s.unusableLines().forEach(u -> System.out.printf("    line %d: %s (%s)%n", u.line(), u.text(), u.reason()));
        }
        if (s.dryRun()) {
            System.out.printf("  teams to repair:     %,d%n", s.teams());
            System.out.println("next: ./deltacrown repair (without --dry-run)");
            return;
        }
        System.out.printf(
                "  teams synced:        %,d (shadow verified by its read-back: %,d)%n", s.teams(), s.verified());
        if (!s.missingTeams().isEmpty()) {
            System.out.printf("  no such vNext team:  %s%n", s.missingTeams());
        }
        if (s.outboxCompleted() + s.outboxStillBlocked() > 0) {
            System.out.printf(
                    "  BLOCKED outbox rows: %,d completed by the sync, %,d still blocked%n",
                    s.outboxCompleted(), s.outboxStillBlocked());
        }
        System.out.printf("  drift after:         %s%n", describe(s.after()));
        for (RepairSummary.Remaining r : s.remaining()) {
            System.out.printf(
                    "    %s vNext %s legacy %s: %s%n",
                    r.item().kind(),
                    r.item().vnextTeamId() == null ? "-" : r.item().vnextTeamId(),
                    r.item().legacyTeamId() == null ? "-" : r.item().legacyTeamId(),
                    r.notes().isEmpty() ? "no notes" : r.notes());
        }
    }

    private static String describe(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + "%,d".formatted(e.getValue()))
                        .collect(Collectors.joining(", "))
                + " (total " + "%,d".formatted(total) + ")";
    }

    private static Map<String, Object> json(RepairSummary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", s.source());
        json.put("dry_run", s.dryRun());
        json.put("drift_before", s.before());
        json.put("not_repairable", s.notRepairable());
        json.put("unusable_line_count", s.unusableLineCount());
        json.put(
                "unusable_lines",
                s.unusableLines().stream()
                        .map(u -> Map.of("line", u.line(), "text", u.text(), "reason", u.reason()))
                        .toList());
        json.put("teams", s.teams());
        json.put("verified", s.verified());
        json.put("missing_vnext_teams", s.missingTeams());
        json.put("outbox_completed", s.outboxCompleted());
        json.put("outbox_still_blocked", s.outboxStillBlocked());
        json.put("drift_after", s.dryRun() ? null : s.after());
        json.put(
                "remaining",
                s.remaining().stream()
                        .map(r -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("kind", r.item().kind());
                            item.put("vnext_team_id", r.item().vnextTeamId());
                            item.put("legacy_team_id", r.item().legacyTeamId());
                            item.put("notes", r.notes());
                            return item;
                        })
                        .toList());
        json.put("batches", s.batches());
        json.put("elapsed_seconds", Math.round(s.elapsedSeconds() * 100) / 100.0);
        return json;
    }

    /** A progress bar on a terminal, one log event per batch otherwise. */
    private static final class Progress implements RepairProgress, AutoCloseable {

        private final boolean terminal = Terminal.interactive();
        private TerminalProgressBar bar;

        @Override
        public void started(long teams) {
            if (terminal) {
                bar = new TerminalProgressBar("repair", teams);
            } else {
                RepairProgress.LOGGED.started(teams);
            }
        }

        @Override
        public void batch(long teamsDone, long teamsTotal, double elapsedSeconds) {
            if (bar != null) {
                bar.stepTo(teamsDone);
            } else {
                RepairProgress.LOGGED.batch(teamsDone, teamsTotal, elapsedSeconds);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
