package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's set-up of the two roles on a database the service has not seen, as an operator runs
 * it: {@code grants} prints the SQL, {@code grants --apply} migrates and grants as the owner, then the
 * service runs with the runtime role alone. And the advisory mode of a service given one role that
 * could switch the guard off (docs/adr/0020-database-roles-and-write-guard.md).
 */
class GrantsCommandProcessTests {

    private static final Duration CLI = Duration.ofSeconds(180);
    private static final Duration START = Duration.ofSeconds(180);
    private static final String OWNER = "dcgrants_owner";
    private static final String RUNTIME = "dcgrants_app";

    @Test
    void printsTheGrantsAppliesThemAsTheOwnerThenTheServiceRunsAsTheRuntimeRoleAlone() throws SQLException {
        DatabaseUrl admin = TestDatabase.instance().admin();
        String database = "dcgrants_" + ProcessHandle.current().pid();
        try (Connection superuser = TestDatabase.connect(admin);
                Statement sql = superuser.createStatement()) {
            for (String role : new String[] {OWNER, RUNTIME}) {
                sql.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "';"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
            // The DBA's part: the roles of the guard exist on this server already; the owner gets ADMIN.
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                    + DatabaseRoles.SHADOW_WRITER + "') THEN CREATE ROLE " + DatabaseRoles.SHADOW_WRITER
                    + " NOLOGIN; END IF; END $$");
            sql.execute("GRANT " + DatabaseRoles.SHADOW_WRITER + " TO " + OWNER
                    + " WITH ADMIN OPTION, INHERIT FALSE, SET FALSE");
            sql.execute("ALTER ROLE " + OWNER + " CREATEROLE");
            sql.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
        }
        Map<String, String> both = new HashMap<>();
        both.put("DATABASE_URL", url(admin, database, RUNTIME));
        both.put("DATABASE_OWNER_URL", url(admin, database, OWNER));

        ServiceProcess.Result printed = ServiceProcess.run(both, CLI, "grants");
        assertThat(printed.exitCode()).as(printed.output()).isZero();
        assertThat(printed.output())
                .contains("-- Run it as the schema owner (" + OWNER + ")")
                .contains("-- The service's migrations have not run here yet")
                .containsPattern("(?m)^GRANT USAGE ON SCHEMA public TO \"" + RUNTIME + "\", "
                        + DatabaseRoles.SHADOW_WRITER + ";$")
                .containsPattern("(?m)^COMMIT;$");

        ServiceProcess.Result applied = ServiceProcess.run(both, CLI, "grants", "--apply");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        assertThat(applied.output())
                .contains("grants applied for the runtime role; guard enforced: the service's role (" + RUNTIME
                        + ") cannot disable it");

        // Migrations and grants done, the service needs nothing but its own role.
        Map<String, String> runtimeOnly = Map.of("DATABASE_URL", url(admin, database, RUNTIME));
        ServiceProcess.Result status = ServiceProcess.run(runtimeOnly, CLI, "rollback");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("database write guard: blocking legacy writes; guard enforced: the service's role (" + RUNTIME
                        + ") cannot disable it");
    }

    @Test
    void withOnlyASuperuserTheServiceRunsAndSaysTheGuardIsAdvisoryOnceAtStartAndInTheStatus() {
        DatabaseUrl url = TestDatabase.instance().newDatabase("advisory");
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", url.jdbcUrl() + "?user=" + url.username());
        env.put("PORT", Integer.toString(ServiceProcess.freePort()));

        try (ServiceProcess serve = ServiceProcess.start(env, "serve")) {
            serve.awaitOutput("DeltaCrown is running", START);
            assertThat(Pattern.compile("event_type=legacy_write_guard_advisory")
                            .matcher(serve.output())
                            .results()
                            .count())
                    .isOne();
            assertThat(serve.output())
                    .contains("guard advisory: the service's role can disable it (" + url.username() + ": superuser)");
            serve.stop(Duration.ofSeconds(60));
        }
        ServiceProcess.Result status = ServiceProcess.run(env, CLI, "rollback");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("guard advisory: the service's role can disable it (" + url.username() + ": superuser)");
    }

    private static String url(DatabaseUrl admin, String database, String role) {
        String base = admin.jdbcUrl();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return base.substring(0, slash + 1) + database + "?user=" + role + "&password=" + role;
    }
}
