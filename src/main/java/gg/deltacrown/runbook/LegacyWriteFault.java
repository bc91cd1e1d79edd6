package gg.deltacrown.runbook;

import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.database.DatabaseUrl;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The one seam of the failure simulations (Phases 2.3 and 6): while a fault is on, the shadow
 * writer cannot write the legacy tables; closing it gives the right back (docs/adr/0025).
 *
 * <ul>
 *   <li>{@link Method#REVOKE}, the runbook's "revoke legacy DB access": the database owner revokes
 *       the shadow writer role's INSERT, UPDATE and DELETE on {@link #TABLES} and grants back
 *       exactly what it revoked.
 *   <li>{@link Method#TRIGGER}, when the shadow writer is a superuser (privileges do not apply to
 *       it, as with a single all-powerful role): a statement trigger that rejects every write to
 *       those tables and expires by itself, so an interrupted run cannot leave it armed.
 * </ul>
 *
 * The shadow writer is the role {@value #SHADOW_WRITER} when this process's role can take it (roles
 * belong to the cluster: another database may have created it), else the role of this process's
 * own connection (the service's, since the runbook runs on its {@code DATABASE_URL}).
 * Only an owner of the legacy tables (or a superuser) can do either: the service itself never can.
 */
final class LegacyWriteFault implements AutoCloseable {

    static final String SHADOW_WRITER = DatabaseRoles.SHADOW_WRITER;
    static final String TRIGGER = "deltacrown_runbook_fault";
    static final List<String> TABLES = List.of("teams_team", "teams_teammembership");
    private static final String TABLE_LIST = String.join(", ", TABLES);

    private static final String SHADOW_WRITER_ROLE = """
            SELECT coalesce((SELECT rolname FROM pg_roles
                              WHERE rolname = :role AND pg_has_role(current_user, oid, 'MEMBER')),
                            current_user::text)
            """;
    private static final String IS_SUPERUSER = "SELECT rolsuper FROM pg_roles WHERE rolname = :role";
    private static final String CAN_ALTER_TABLES = """
            SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                   OR bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))
              FROM pg_class c WHERE c.oid = ANY(CAST(:tables AS regclass[]))
            """;
    private static final String CAN_WRITE = """
            SELECT bool_and(has_table_privilege(:role, t, 'INSERT') AND has_table_privilege(:role, t, 'UPDATE'))
              FROM unnest(CAST(:tables AS text[])) AS t
            """;
    /** The privileges granted to the role on each table, the owner's implicit ones included. */
    private static final String DIRECT_GRANTS = """
            SELECT c.relname, a.privilege_type
              FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
             WHERE c.oid = ANY(CAST(:tables AS regclass[]))
               AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = :role)
               AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE')
             ORDER BY 1, 2
            """;

    private static final String ARMED_TRIGGER = """
            SELECT obj_description(p.oid, 'pg_proc') FROM pg_proc p
             WHERE p.proname = :name AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = :name)
            """;
    private static final String CREATE_FUNCTION = """
            CREATE OR REPLACE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $fault$
            BEGIN
                IF clock_timestamp() < '%2$s'::timestamptz THEN
                    RAISE EXCEPTION 'DELTACROWN_RUNBOOK_FAULT: the staging runbook''s failure simulation rejects %% on %% (until %2$s)',
                        TG_OP, TG_TABLE_NAME;
                END IF;
                RETURN NULL;
            END
            $fault$
            """;

    enum Method {
        REVOKE,
        TRIGGER
    }

    /** What a fault would do, decided before the run changes anything. */
    record Plan(Method method, String role, JdbcClient admin, String adminName) {

        String describe() {
            return method == Method.REVOKE
                    ? "REVOKE INSERT, UPDATE, DELETE ON " + TABLE_LIST + " FROM " + role + " (as " + adminName + ")"
                    : "trigger " + TRIGGER + " rejecting every write to " + TABLE_LIST + " (the shadow writer " + role
                            + " is a superuser, so a revoke would not stop it; as " + adminName + ")";
        }
    }

    private final Plan plan;
    private final Map<String, List<String>> revoked;

    private LegacyWriteFault(Plan plan, Map<String, List<String>> revoked) {
        this.plan = plan;
        this.revoked = revoked;
    }

    /**
     * Decides how to fault and checks it can be done and undone; throws before anything changes
     * when it cannot. A fault trigger left armed by an interrupted run is removed once expired.
     */
    static Plan plan(JdbcClient own, String ownerUrl, Consumer<String> out) {
        JdbcClient admin = ownerUrl == null ? own : JdbcClient.create(dataSource(ownerUrl));
        String adminName =
                admin.sql("SELECT current_user::text").query(String.class).single();
        String role = own.sql(SHADOW_WRITER_ROLE)
                .param("role", SHADOW_WRITER)
                .query(String.class)
                .single();
        if (!admin.sql(CAN_ALTER_TABLES)
                .param("tables", TABLES.toArray(String[]::new))
                .query(Boolean.class)
                .single()) {
            throw new RunbookFailedException("the failure simulation needs the owner of " + TABLE_LIST + ": "
                    + adminName + " is not; pass --owner-url (or set DATABASE_OWNER_URL), or opt out with"
                    + " --skip-strict-smoke --skip-failure-simulation");
        }
        clearExpiredTrigger(admin, out);
        boolean superuser = own.sql(IS_SUPERUSER)
                .param("role", role)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (!superuser
                && !own.sql(CAN_WRITE)
                        .param("role", role)
                        .param("tables", TABLES.toArray(String[]::new))
                        .query(Boolean.class)
                        .single()) {
            throw new RunbookFailedException("the shadow writer " + role + " cannot write " + TABLE_LIST
                    + " already (a failure simulation interrupted?); give it back with: GRANT INSERT, UPDATE, DELETE ON "
                    + TABLE_LIST + " TO " + role);
        }
        return new Plan(superuser ? Method.TRIGGER : Method.REVOKE, role, admin, adminName);
    }

    /** Turns the fault on; it expires by itself after {@code longest} (trigger) and ends at {@link #close}. */
    static LegacyWriteFault start(Plan plan, Duration longest, Consumer<String> out) {
        if (plan.method() == Method.TRIGGER) {
            String until = OffsetDateTime.now(ZoneOffset.UTC).plus(longest).toString();
            plan.admin().sql(CREATE_FUNCTION.formatted(TRIGGER, until)).update();
            plan.admin()
                    .sql("COMMENT ON FUNCTION " + TRIGGER + "() IS '" + until + "'")
                    .update();
            for (String table : TABLES) {
                plan.admin()
                        .sql("CREATE TRIGGER " + TRIGGER + " BEFORE INSERT OR UPDATE OR DELETE ON " + table
                                + " FOR EACH STATEMENT EXECUTE FUNCTION " + TRIGGER + "()")
                        .update();
            }
            out.accept("  fault on: " + plan.describe() + ", expires " + until);
            return new LegacyWriteFault(plan, Map.of());
        }
        Map<String, List<String>> grants = new TreeMap<>();
        plan.admin()
                .sql(DIRECT_GRANTS)
                .param("tables", TABLES.toArray(String[]::new))
                .param("role", plan.role())
                .query((rs, n) -> grants.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        LegacyWriteFault fault = new LegacyWriteFault(plan, grants);
        plan.admin()
                .sql("REVOKE INSERT, UPDATE, DELETE ON " + TABLE_LIST + " FROM " + quoted(plan.role()))
                .update();
        out.accept("  fault on: " + plan.describe() + "; if this run is interrupted, run " + fault.restoreSql());
        boolean stillWrites = plan.admin()
                .sql(CAN_WRITE)
                .param("role", plan.role())
                .param("tables", TABLES.toArray(String[]::new))
                .query(Boolean.class)
                .single();
        if (stillWrites) {
            fault.close();
            throw new RunbookFailedException("revoking did not stop " + plan.role() + " from writing " + TABLE_LIST
                    + ": it holds the privileges through another role or PUBLIC");
        }
        return fault;
    }

    /** Ends the fault: grants back what was revoked, or drops the trigger. */
    @Override
    public void close() {
        if (plan.method() == Method.TRIGGER) {
            dropTrigger(plan.admin());
        } else {
            revoked.forEach((table, privileges) -> plan.admin()
                    .sql("GRANT " + String.join(", ", privileges) + " ON " + table + " TO " + quoted(plan.role()))
                    .update());
        }
    }

    private String restoreSql() {
        List<String> statements = new ArrayList<>();
        revoked.forEach((table, privileges) ->
                statements.add("GRANT " + String.join(", ", privileges) + " ON " + table + " TO " + plan.role() + ";"));
        return String.join(" ", statements);
    }

    private static void clearExpiredTrigger(JdbcClient admin, Consumer<String> out) {
        admin.sql(ARMED_TRIGGER)
                .param("name", TRIGGER)
                .query(String.class)
                .optional()
                .ifPresent(until -> {
                    if (until != null && OffsetDateTime.parse(until).isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
                        throw new RunbookFailedException("the failure simulation of another run is on until " + until
                                + " (trigger " + TRIGGER + "); wait for it to end");
                    }
                    dropTrigger(admin);
                    out.accept("  removed the expired fault trigger of an interrupted run");
                });
    }

    private static void dropTrigger(JdbcClient admin) {
        for (String table : TABLES) {
            admin.sql("DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + table).update();
        }
        admin.sql("DROP FUNCTION IF EXISTS " + TRIGGER + "()").update();
    }

    private static String quoted(String role) {
        return "\"" + role.replace("\"", "\"\"") + "\"";
    }

    private static DriverManagerDataSource dataSource(String ownerUrl) {
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(ownerUrl);
        } catch (IllegalArgumentException e) {
            throw new RunbookFailedException("--owner-url: " + e.getMessage().replace("DATABASE_URL", "the URL"));
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url.jdbcUrl());
        if (url.username() != null) {
            dataSource.setUsername(url.username());
        }
        if (url.password() != null) {
            dataSource.setPassword(url.password());
        }
        return dataSource;
    }
}
