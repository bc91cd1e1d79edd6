package gg.deltacrown.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chaos run does ({@code bench/chaos.sh} passes its arguments here).
 *
 * @param kills {@code kill -9} of a serving instance, each restarted at once
 * @param databaseRestarts PostgreSQL restarts, alternately fast and immediate shutdown
 * @param duration how long the burst lasts at least (it goes on until every fault was made)
 * @param revoke how long the shadow writer's legacy privileges are revoked (zero: not at all)
 * @param flagFlips dual-write off and on again, and strict mode on and off again, during the burst
 * @param writers concurrent clients, each the owner of its teams
 * @param propagationFlips flag changes timed on every instance before the burst (zero: none)
 * @param deadline the run stops (and fails) after this long whatever happened
 * @param output where the histories, instance logs and the report go
 * @param jvmOptions extra JVM options of the instances (the short test's C1-only start-up)
 * @param aotCache a directory: run the instances from jars there with a JDK AOT cache recorded by a
 *     first start (JDK 25+; recorded afresh every run); null: the plain class path
 */
record ChaosOptions(
        int kills,
        int databaseRestarts,
        Duration duration,
        Duration revoke,
        boolean flagFlips,
        int writers,
        int propagationFlips,
        Duration deadline,
        long seed,
        Path output,
        List<String> jvmOptions,
        Path aotCache) {

    static final String USAGE = """
            usage: chaos [--kills N] [--pg-restarts N] [--seconds N] [--revoke-seconds N] [--no-flag-flips]
                         [--writers N] [--propagation-flips N] [--deadline-seconds N] [--seed N] [--out DIR]
                     [--jvm-option OPTION]... [--aot-cache DIR]
            defaults: --kills 200 --pg-restarts 2 --seconds 600 --revoke-seconds 60 --writers 8
                      --propagation-flips 100 --deadline-seconds 3600 --out target/chaos""";

    ChaosOptions {
        if (kills < 0 || databaseRestarts < 0 || writers < 1 || propagationFlips < 0) {
            throw new IllegalArgumentException("counts must be >= 0 and at least one writer\n" + USAGE);
        }
        if (duration.isNegative() || duration.isZero() || revoke.isNegative() || deadline.compareTo(duration) <= 0) {
            throw new IllegalArgumentException("the duration must be positive and shorter than the deadline\n" + USAGE);
        }
    }

    static ChaosOptions parse(String... arguments) {
        int kills = 200;
        int restarts = 2;
        long seconds = 600;
        long revokeSeconds = 60;
        boolean flips = true;
        int writers = 8;
        int propagation = 100;
        long deadline = 3600;
        long seed = System.nanoTime();
        Path output = Path.of("target", "chaos");
        List<String> jvmOptions = new ArrayList<>();
        Path aot = null;
        List<String> args = new ArrayList<>(List.of(arguments));
        while (!args.isEmpty()) {
            String name = args.remove(0);
            if (name.equals("--no-flag-flips")) {
                flips = false;
                continue;
            }
            if (name.equals("-h") || name.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (args.isEmpty()) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args.remove(0);
            try {
                switch (name) {
                    case "--kills" -> kills = Integer.parseInt(value);
                    case "--pg-restarts" -> restarts = Integer.parseInt(value);
                    case "--seconds" -> seconds = Long.parseLong(value);
                    case "--revoke-seconds" -> revokeSeconds = Long.parseLong(value);
                    case "--writers" -> writers = Integer.parseInt(value);
                    case "--propagation-flips" -> propagation = Integer.parseInt(value);
                    case "--deadline-seconds" -> deadline = Long.parseLong(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> output = Path.of(value);
                    case "--jvm-option" -> jvmOptions.add(value);
                    case "--aot-cache" -> aot = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, not " + value + "\n" + USAGE);
            }
        }
        return new ChaosOptions(
                kills,
                restarts,
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(revokeSeconds),
                flips,
                writers,
                propagation,
                Duration.ofSeconds(deadline),
                seed,
                output,
                jvmOptions,
                aot);
    }
}
