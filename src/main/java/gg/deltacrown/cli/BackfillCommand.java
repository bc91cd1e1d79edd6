package gg.deltacrown.cli;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import gg.deltacrown.migration.backfill.Backfill;
import gg.deltacrown.migration.backfill.BackfillOptions;
import gg.deltacrown.migration.backfill.BackfillProgress;
import gg.deltacrown.migration.backfill.BackfillSummary;
import gg.deltacrown.migration.backfill.BatchResult;
import gg.deltacrown.migration.backfill.Conflict;
import gg.deltacrown.migration.backfill.LoggedProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The report's "Run migration scripts to achieve 100% coverage": map every unmapped legacy team into vNext. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Create the vNext team, roster, ranking and a verified map row for every active legacy team",
            "without a map row, in batches (one transaction each). Idempotent; a run that was killed is",
            "resumed by the next one. Conflicts are resolved and reported, never stop the run."
        })
final class BackfillCommand implements Callable<Integer> {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Option(names = "--dry-run", description = "Plan and count, show the first conflicts; write nothing")
    boolean dryRun;

    @Option(names = "--game", paramLabel = "GAME", description = "Only legacy teams of this game (id or legacy slug)")
    String game;

    @Option(names = "--region", paramLabel = "REGION", description = "Only legacy teams of this region")
    String region;

    @Option(names = "--limit", paramLabel = "N", description = "At most N legacy teams in this run")
    Long limit;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + BackfillOptions.DEFAULT_BATCH_SIZE,
            description = "Legacy teams per transaction (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "1",
            description = {
                "Batches in flight at once, each on a connection of its own (default ${DEFAULT-VALUE});",
                "a crash redoes at most N batches"
            })
    int workers;

    @Option(
            names = "--format",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "Summary format on stdout (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandFailedException("--format must be text or json, not '" + format + "'");
        }
        BackfillOptions options =
                new BackfillOptions(dryRun, legacyGame(), blankToNull(region), limit, batchSize, workers);
        if (!options.problems().isEmpty()) {
            throw new CommandFailedException(String.join("; ", options.problems()));
        }
        BackfillSummary summary;
        // A connection per worker, one for the coordinator, one holding the run's lock.
        Map<String, Object> pool = Map.of("spring.datasource.hikari.maximum-pool-size", workers + 2);
        try (ServiceBootstrap service =
                        ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment(), pool);
                Progress progress = new Progress()) {
            summary = service.bean(Backfill.class).run(options, progress);
        } catch (Backfill.BusyException e) {
            throw new CommandFailedException(e.getMessage());
        }
        if (format.equals("json")) {
            System.out.println(JSON.writeValueAsString(json(summary)));
        } else {
            print(summary);
        }
        return 0;
    }

    /** A game id goes through the registry to its legacy slug; anything else is a legacy slug as it is. */
    private String legacyGame() {
        if (game == null || game.isBlank()) {
            return null;
        }
        if (game.chars().allMatch(Character::isDigit)) {
            return Games.byId(Integer.parseInt(game))
                    .map(Game::legacySlug)
                    .orElseThrow(() -> new CommandFailedException("--game " + game + ": no such game id; known: "
                            + Games.all().stream()
                                    .map(g -> g.id() + " " + g.legacySlug())
                                    .collect(Collectors.joining(", "))));
        }
        return game;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void print(BackfillSummary s) {
        System.out.printf(
                "backfill: %s in %.1f s%s%n",
                s.dryRun() ? "dry run (nothing written)" : "run " + s.run().id() + " done",
                s.elapsedSeconds(),
                s.run().resumedAfter() == null
                        ? ""
                        : " (took over a killed run after legacy team "
                                + s.run().resumedAfter() + ")");
        String verb = s.dryRun() ? "would be " : "";
        line("legacy teams considered", s.teams(), "");
        line(
                "vNext teams " + verb + "created",
                s.created(),
                "memberships %,d, rankings %,d, organisations %,d"
                        .formatted(s.memberships(), s.rankings(), s.organizations()));
        line("map rows verified", s.verified(), "legacy already was the shadow");
        line("shadows " + verb + "written", s.synced(), "by the dual-write's shadow writer, then read back");
        if (!s.dryRun()) {
            line("map rows unverified", s.unverified(), "see the conflicts");
        }
        line("skipped", s.skippedTotal(), describe(s.skipped()));
        line(
                "conflicts",
                s.conflicts().values().stream().mapToLong(Long::longValue).sum(),
                describe(s.conflicts()));
        if (!s.dryRun()) {
            line(
                    "rows written",
                    s.rowsWritten(),
                    "%,.0f rows/s, %,.0f teams/s".formatted(s.rowsPerSecond(), s.teamsPerSecond()));
        }
        if (!s.firstConflicts().isEmpty()) {
            System.out.println("first conflicts:");
            for (Conflict c : s.firstConflicts()) {
                System.out.printf(
                        "  legacy team %d%s  %s: %s -> %s%n",
                        c.legacyTeamId(),
                        c.vnextTeamId() == null ? "" : " (vNext " + c.vnextTeamId() + ")",
                        c.kind(),
                        c.detail(),
                        c.resolution());
            }
            if (s.run().id() != null) {
                System.out.println("all conflicts: SELECT * FROM organizations_backfill_conflict WHERE run_id = "
                        + s.run().id() + " ORDER BY id;");
            }
        }
        System.out.println(
                s.dryRun()
                        ? "next: ./deltacrown backfill (without --dry-run)"
                        : "next: ./deltacrown vnext_validation_report, then ./deltacrown repair for what it still finds");
    }

    private static void line(String label, long value, String detail) {
        System.out.printf("  %-26s %,12d%s%n", label, value, detail.isEmpty() ? "" : "   (" + detail + ")");
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> json(BackfillSummary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", s.run().id());
        json.put("dry_run", s.dryRun());
        json.put("resumed_after_legacy_team_id", s.run().resumedAfter());
        json.put("teams_considered", s.teams());
        json.put("teams_created", s.created());
        json.put("memberships_created", s.memberships());
        json.put("rankings_created", s.rankings());
        json.put("organizations_created", s.organizations());
        json.put("map_rows_verified", s.verified());
        json.put("shadows_written", s.synced());
        json.put("map_rows_unverified", s.dryRun() ? null : s.unverified());
        json.put("skipped", s.skipped());
        json.put("conflicts", s.conflicts());
        json.put(
                "first_conflicts",
                s.firstConflicts().stream().map(BackfillCommand::json).toList());
        json.put("batches", s.batches());
        json.put("elapsed_seconds", Math.round(s.elapsedSeconds() * 100) / 100.0);
        json.put("rows_written", s.rowsWritten());
        json.put("rows_per_second", Math.round(s.rowsPerSecond()));
        json.put("teams_per_second", Math.round(s.teamsPerSecond()));
        return json;
    }

    private static Map<String, Object> json(Conflict c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("legacy_team_id", c.legacyTeamId());
        json.put("vnext_team_id", c.vnextTeamId());
        json.put("kind", c.kind());
        json.put("detail", c.detail());
        json.put("resolution", c.resolution());
        return json;
    }

    /** A progress bar on a terminal, one log event per batch otherwise. */
    private static final class Progress implements BackfillProgress, AutoCloseable {

        private final boolean terminal = Terminal.interactive();
        private final LoggedProgress logged = new LoggedProgress();
        private TerminalProgressBar bar;

        @Override
        public void started(long teams, BackfillSummary.Run run) {
            if (terminal) {
                bar = new TerminalProgressBar("backfill", teams);
            } else {
                logged.started(teams, run);
            }
        }

        @Override
        public void batch(BatchResult batch, long teamsDone, long teamsTotal, double elapsedSeconds) {
            if (bar != null) {
                bar.stepTo(teamsDone);
            } else {
                logged.batch(batch, teamsDone, teamsTotal, elapsedSeconds);
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
