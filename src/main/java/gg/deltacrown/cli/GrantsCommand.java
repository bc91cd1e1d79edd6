package gg.deltacrown.cli;

import gg.deltacrown.database.GrantPlan;
import gg.deltacrown.database.GuardPosture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The database privileges of the service's roles: printed as SQL, or applied (migrations first) as
 * the schema owner. Then whether the legacy write guard binds the runtime role.
 */
@Command(
        name = "grants",
        mixinStandardHelpOptions = true,
        description = {
            "Print the SQL that gives the runtime role (DATABASE_URL) and the shadow writer exactly the",
            "privileges the service needs (Django's roles keep theirs). With --apply: run the migrations and",
            "that SQL as the schema owner (DATABASE_OWNER_URL, or the embedded database's owner).",
            "Prints last whether the legacy write guard binds the runtime role, or is only advisory."
        })
final class GrantsCommand implements Callable<Integer> {

    @Option(names = "--apply", description = "Migrate and apply the grants as the schema owner")
    boolean apply;

    @Override
    public Integer call() {
        Settings settings = Settings.fromEnvironment();
        if (apply) {
            if (settings.databaseUrl() != null && settings.databaseOwnerUrl() == null) {
                throw new CommandFailedException("--apply runs as the schema owner: set DATABASE_OWNER_URL"
                        + " (DATABASE_URL is the role the service runs as)");
            }
            // Starting the service's context migrates and grants as the owner (SchemaMigration).
            try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, settings)) {
                System.out.println("grants applied for the runtime role; "
                        + service.bean(GuardPosture.class).status().describe());
            }
            return 0;
        }
        try (DatabaseTarget database = DatabaseTarget.resolve(settings)) {
            GrantPlan plan = GrantPlan.of(database.url(), database.ownerUrl(), database.embedded());
            System.out.print(plan.text());
        } catch (IllegalStateException e) {
            throw new CommandFailedException(e.getMessage());
        }
        return 0;
    }
}
