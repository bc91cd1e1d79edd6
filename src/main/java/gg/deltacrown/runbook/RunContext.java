package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.migration.Rollback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every phase of one run shares: the request, the service (HTTP, signed in) and its
 * instances, the database, the flags, the artifacts to write and the operator's console.
 */
final class RunContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long every instance may take to apply a flag change before the run stops waiting. */
    static final Duration FLAG_DEADLINE = Duration.ofSeconds(15);

    final RunbookRequest request;
    final String runId;
    final Instant started;
    final ServiceClient client;
    final Instances instances;
    final Flags flags;
    final Rollback rollback;
    final JdbcClient jdbc;
    final ShadowChecks checks;
    final WriterEvidence writers;
    final Consumer<String> out;
    final Map<Path, String> artifacts = new LinkedHashMap<>();

    RunContext(
            RunbookRequest request,
            String runId,
            ServiceClient client,
            Instances instances,
            Flags flags,
            Rollback rollback,
            JdbcClient jdbc,
            Consumer<String> out) {
        this.request = request;
        this.runId = runId;
        this.started = Instant.now();
        this.client = client;
        this.instances = instances;
        this.flags = flags;
        this.rollback = rollback;
        this.jdbc = jdbc;
        this.checks = new ShadowChecks(jdbc);
        this.writers = new WriterEvidence(jdbc);
        this.out = out;
    }

    /** Every test team of this run is named so: one cleanup pattern finds them all. */
    String teamName(String suffix) {
        return "Staging Test Team " + runId + (suffix.isEmpty() ? "" : " " + suffix);
    }

    String teamPattern() {
        return "Staging Test Team " + runId + "%";
    }

    Path logs(String file) {
        return request.outDir().resolve("logs").resolve(file);
    }

    /**
     * Changes a flag at runtime (audited, by the operator) and waits until every instance applies
     * it; returns how long each took.
     */
    Map<URI, Long> setFlag(Flag flag, boolean on, String why) {
        long changed = System.nanoTime();
        flags.change(flag, Boolean.toString(on), FlagSource.RUNTIME, request.operator(), why);
        out.accept("  set " + flag.variable() + "=" + on + " (runtime, by " + request.operator() + ")");
        return awaitApplied(flag, on, changed);
    }

    /**
     * Applies a rollback step exactly as {@code rollback <step>} does (audited, by the operator)
     * and waits until every instance applies the step's flag value; returns how long each took.
     */
    Map<URI, Long> rollback(Rollback.Step step, Flag flag, boolean on, String why) {
        long changed = System.nanoTime();
        rollback.apply(step, request.operator(), why);
        out.accept("  rollback " + step.command() + " (runtime, by " + request.operator() + ")");
        return awaitApplied(flag, on, changed);
    }

    private Map<URI, Long> awaitApplied(Flag flag, boolean on, long changedAtNanos) {
        Map<URI, Long> applied = instances.awaitFlag(flag, on, changedAtNanos, FLAG_DEADLINE);
        out.accept("  applied by " + Instances.describe(applied));
        return applied;
    }

    static ObjectNode body() {
        return JSON.createObjectNode();
    }

    static String pretty(ServiceClient.Answer answer) {
        return answer.body().isMissingNode()
                ? answer.raw()
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()) + "\n";
    }
}
