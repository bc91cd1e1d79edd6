package gg.deltacrown.migration;

import gg.deltacrown.database.GuardPosture;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.FlagState;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.legacy.LegacyWriteGuard;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The rollback runbook's flag scenarios, applied at runtime: every instance follows within a
 * second, no restart (module API for {@code rollback}). Scenario 3 is {@link TestDataCleanup}.
 */
@Service
public class Rollback {

    /** A rollback step and the flag values it sets, in order. */
    public enum Step {
        DISABLE_DUAL_WRITE("disable-dual-write", List.of(Map.entry(Flag.DUAL_WRITE_ENABLED, "false"))),
        DISABLE_STRICT_MODE("disable-strict-mode", List.of(Map.entry(Flag.DUAL_WRITE_STRICT_MODE, "false"))),
        BLOCK_LEGACY_WRITES(
                "block-legacy-writes",
                List.of(
                        Map.entry(Flag.LEGACY_WRITE_BLOCKED, "true"),
                        Map.entry(Flag.LEGACY_WRITE_BYPASS_ENABLED, "false"),
                        Map.entry(Flag.DUAL_WRITE_ENABLED, "false")));

        private final String command;
        private final List<Map.Entry<Flag, String>> changes;

        Step(String command, List<Map.Entry<Flag, String>> changes) {
            this.command = command;
            this.changes = changes;
        }

        /** The step's name on the command line. */
        public String command() {
            return command;
        }

        public static Optional<Step> byCommand(String command) {
            return Arrays.stream(values())
                    .filter(step -> step.command.equals(command))
                    .findFirst();
        }
    }

    /**
     * What an operator checks before and after a step.
     *
     * @param guardPosture whether the guard binds the service's own role ({@link GuardPosture})
     */
    public record Status(List<FlagState> flags, boolean guardBlocking, String guardPosture, OutboxStatus outbox) {}

    private final Flags flags;
    private final LegacyWriteGuard guard;
    private final GuardPosture posture;
    private final OutboxAdmin outbox;

    Rollback(Flags flags, LegacyWriteGuard guard, GuardPosture posture, OutboxAdmin outbox) {
        this.flags = flags;
        this.guard = guard;
        this.posture = posture;
        this.outbox = outbox;
    }

    /** Applies the step's flag values (audited with who and why); returns them as applied. */
    public List<Map.Entry<Flag, String>> apply(Step step, String who, String reason) {
        for (Map.Entry<Flag, String> change : step.changes) {
            flags.change(
                    change.getKey(),
                    change.getValue(),
                    FlagSource.RUNTIME,
                    who,
                    "rollback " + step.command + ": " + reason);
        }
        return step.changes;
    }

    public Status status() {
        return new Status(flags.all(), guard.isBlocking(), posture.status().describe(), outbox.status());
    }
}
