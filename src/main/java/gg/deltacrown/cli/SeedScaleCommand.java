package gg.deltacrown.cli;

import gg.deltacrown.seeding.ScaleSeeder;
import gg.deltacrown.seeding.SeedPlan;
import gg.deltacrown.seeding.SeedProgress;
import gg.deltacrown.seeding.SeedResult;
import gg.deltacrown.validation.DriftKind;
import java.time.Duration;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Generates data at scale, with drift in known numbers, for benchmarks and tests of the report. */
@Command(
        name = "seed_scale",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fill the database with mapped vNext/legacy team pairs, members on both sides, unmapped teams,",
            "orphan map rows and deliberate drift, in the numbers given (printed at the end with the",
            "validation report values they produce on a database that was empty). Progress goes to stderr."
        })
final class SeedScaleCommand implements Callable<Integer> {

    @Option(names = "--teams", required = true, description = "Mapped pairs: vNext team + legacy shadow + map row")
    int teams;

    @Option(
            names = "--members-per-team",
            defaultValue = "5",
            description = "Members per team on each side (default ${DEFAULT-VALUE})")
    int membersPerTeam;

    @Option(names = "--legacy-only-teams", defaultValue = "0", description = "Legacy teams without a map row")
    int legacyOnlyTeams;

    @Option(names = "--vnext-only-teams", defaultValue = "0", description = "vNext teams created now, without a shadow")
    int vnextOnlyTeams;

    @Option(names = "--name-drift", defaultValue = "0", description = "Pairs whose legacy name differs")
    int nameDrift;

    @Option(names = "--slug-drift", defaultValue = "0", description = "Pairs whose legacy slug differs")
    int slugDrift;

    @Option(
            names = "--membership-drift",
            defaultValue = "0",
            description = "Pairs where one member has no legacy shadow")
    int membershipDrift;

    @Option(names = "--role-drift", defaultValue = "0", description = "Pairs where one legacy shadow has another role")
    int roleDrift;

    @Option(names = "--ranking-drift", defaultValue = "0", description = "Pairs where only vNext has a ranking")
    int rankingDrift;

    @Option(names = "--unverified-maps", defaultValue = "0", description = "Pairs whose map row is not verified")
    int unverifiedMaps;

    @Option(names = "--orphan-maps", defaultValue = "0", description = "Map rows pointing at no team on either side")
    int orphanMaps;

    @Option(
            names = "--drift",
            paramLabel = "KIND=N",
            description = {
                "N pairs with this kind of drift (repeatable), spread over every chunk of ids. KIND: game, region,",
                "description, logo, banner, logo_url, active, membership_status, membership_left_at,",
                "membership_captain, membership_roster_slot, membership_player_role, membership_permissions"
            })
    java.util.Map<String, Integer> drift = new java.util.LinkedHashMap<>();

    @Option(
            names = "--users",
            description = "Accounts the members are drawn from (default: as many as the plan needs, one per member"
                    + " of a game's teams)")
    Integer users;

    @Option(
            names = "--batch-size",
            defaultValue = "10000",
            description = "Teams per transaction (default ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        java.util.Map<DriftKind, Integer> kinds = new java.util.EnumMap<>(DriftKind.class);
        drift.forEach((id, count) -> kinds.put(
                DriftKind.byId(id)
                        .filter(SeedPlan.SEEDABLE::contains)
                        .orElseThrow(
                                () -> new CommandFailedException("--drift " + id + ": not a kind seed_scale plants ("
                                        + SeedPlan.SEEDABLE.stream()
                                                .map(DriftKind::id)
                                                .collect(java.util.stream.Collectors.joining(", "))
                                        + ")")),
                count));
        SeedPlan plan = new SeedPlan(
                teams,
                membersPerTeam,
                legacyOnlyTeams,
                vnextOnlyTeams,
                nameDrift,
                slugDrift,
                membershipDrift,
                roleDrift,
                rankingDrift,
                unverifiedMaps,
                orphanMaps,
                users != null ? users : SeedPlan.requiredUsers(teams, legacyOnlyTeams, vnextOnlyTeams, membersPerTeam),
                batchSize,
                kinds);
        if (!plan.problems().isEmpty()) {
            throw new CommandFailedException(String.join("; ", plan.problems()));
        }
        long started = System.nanoTime();
        SeedResult result;
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment());
                ProgressBarProgress progress = new ProgressBarProgress()) {
            result = service.bean(ScaleSeeder.class).seed(plan, progress);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("seed_scale: run %s done in %.1f s%n", result.run(), took.toMillis() / 1000.0);
        System.out.println("added:");
        result.added().forEach((key, value) -> System.out.println("  " + key + "=" + value));
        System.out.println("expected report values (on a database that was empty before):");
        result.expectedReport().forEach((key, value) -> System.out.println("  " + key + "=" + value));
        System.out.println("expected full verification drift (pairs; every other kind 0):");
        result.expectedDrift()
                .forEach((key, value) -> System.out.println("  full_verification.drift_pairs." + key + "=" + value));
        return 0;
    }

    /** Draws the seeding progress on stderr, so stdout keeps only the result. */
    private static final class ProgressBarProgress implements SeedProgress, AutoCloseable {

        // A fixed width: asking the terminal for its width loads JLine's native library.
        private static final int WIDTH = 100;

        private ProgressBar bar;

        @Override
        public void started(long totalTeams) {
            bar = new ProgressBarBuilder()
                    .setTaskName("seed_scale")
                    .setInitialMax(totalTeams)
                    .setUnit(" teams", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, WIDTH))
                    .build();
        }

        @Override
        public void advanced(long teams) {
            bar.stepBy(teams);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
