package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.RoutingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.dao.DataAccessException;

/**
 * The runbook's pre-flight checklist as refusals: anything that would make a phase fail for a
 * reason unrelated to the dual-write stops the run before it changes anything, with what to do.
 */
final class Preflight {

    private static final String MEMBER_EXISTS =
            "SELECT count(*) > 0 FROM accounts_user WHERE username = :name AND is_active";
    private static final String OWNED_TEAMS = """
            SELECT t.slug FROM organizations_team t JOIN accounts_user u ON u.id = t.owner_id
             WHERE u.username = :name AND t.game_id = :game AND t.status = 'ACTIVE' AND t.organization_id IS NULL
            """;

    private final RunContext run;

    Preflight(RunContext run) {
        this.run = run;
    }

    /** Runs every check and signs in; the failure simulations' plan (null when both were opted out). */
    LegacyWriteFault.Plan check() {
        RunbookRequest request = run.request;
        healthy(run.client);
        for (URI instance : run.instances.urls()) {
            if (!instance.equals(request.baseUrl())) {
                healthy(new ServiceClient(instance));
            }
        }
        run.out.accept("  service healthy at " + request.baseUrl() + " ("
                + run.instances.urls().size() + " instance(s) watched: " + run.instances.urls() + ")");
        checkFlags();
        for (Flag flag : List.of(Flag.DUAL_WRITE_ENABLED, Flag.DUAL_WRITE_STRICT_MODE)) {
            List<URI> missing = run.instances.withoutFlagGauge(flag);
            if (!missing.isEmpty()) {
                throw new RunbookFailedException(missing + " do not publish " + Instances.flagSeries(flag)
                        + " on /actuator/prometheus, so the runbook cannot see when they apply the flag");
            }
        }
        checkUsers(request);
        checkTracker(request.tracker());
        LegacyWriteFault.Plan fault = null;
        if (request.strictSmoke() || request.failureSimulation()) {
            try {
                fault = LegacyWriteFault.plan(run.jdbc, request.ownerUrl(), run.out);
            } catch (DataAccessException e) {
                throw new RunbookFailedException("cannot prepare the failure simulation on the database: "
                        + RemoteCommand.rootMessage(e) + " (--owner-url?)");
            }
            run.out.accept("  failure simulation: " + fault.describe());
        }
        run.client.authenticate(request.username(), request.password());
        run.out.accept("  logged in as " + request.username());
        return fault;
    }

    private static void healthy(ServiceClient service) {
        ServiceClient.Answer health = service.get("/health/");
        if (health.status() != 200) {
            throw new RunbookFailedException(
                    "the service at " + service.base() + " is not healthy: " + health.problem());
        }
    }

    private void checkFlags() {
        var flags = run.flags;
        if (flags.isOn(Flag.FORCE_LEGACY)
                || !flags.isOn(Flag.ADAPTER_ENABLED)
                || flags.routingMode() == RoutingMode.LEGACY_ONLY) {
            throw new RunbookFailedException("vNext writes are switched off (TEAM_VNEXT_FORCE_LEGACY="
                    + flags.value(Flag.FORCE_LEGACY) + ", TEAM_VNEXT_ADAPTER_ENABLED="
                    + flags.value(Flag.ADAPTER_ENABLED)
                    + ", TEAM_VNEXT_ROUTING_MODE=" + flags.value(Flag.ROUTING_MODE)
                    + "): the test flows would be refused");
        }
        if (flags.isOn(Flag.DUAL_WRITE_STRICT_MODE)) {
            throw new RunbookFailedException("TEAM_VNEXT_DUAL_WRITE_STRICT_MODE is on; the runbook tests non-strict"
                    + " dual-write first (./deltacrown rollback disable-strict-mode --reason ...)");
        }
        run.out.accept("  flags: dual-write " + flags.value(Flag.DUAL_WRITE_ENABLED) + ", strict "
                + flags.value(Flag.DUAL_WRITE_STRICT_MODE) + ", legacy writes blocked "
                + flags.value(Flag.LEGACY_WRITE_BLOCKED));
    }

    private static void checkTracker(Path tracker) {
        if (tracker == null) {
            return;
        }
        Path directory = tracker.toAbsolutePath().getParent();
        boolean writable = Files.exists(tracker)
                ? Files.isWritable(tracker)
                : directory != null && Files.isDirectory(directory) && Files.isWritable(directory);
        if (!writable) {
            throw new RunbookFailedException("--tracker " + tracker + " cannot be written");
        }
    }

    private void checkUsers(RunbookRequest request) {
        boolean memberExists = run.jdbc
                .sql(MEMBER_EXISTS)
                .param("name", request.member())
                .query(Boolean.class)
                .single();
        if (!memberExists) {
            throw new RunbookFailedException("no active user '" + request.member() + "' to add in Flow 2 (--member)");
        }
        List<String> owned = run.jdbc
                .sql(OWNED_TEAMS)
                .param("name", request.username())
                .param("game", request.gameId())
                .query(String.class)
                .list();
        if (!owned.isEmpty()) {
            throw new RunbookFailedException("'" + request.username() + "' already owns the active independent team '"
                    + owned.get(0) + "' for game " + request.gameId() + ", so Flow 1 would get 409; pass another"
                    + " --game-id or remove earlier test teams (./deltacrown cleanup_test_data --yes)");
        }
    }
}
