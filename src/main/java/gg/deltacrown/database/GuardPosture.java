package gg.deltacrown.database;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether the database's legacy write guard binds the service itself (module API). It is
 * <em>advisory</em> when the service's own role could
 * switch it off: a superuser, a member of the owner of a guarded table, of the guard's tables or
 * function or of the schema (they can disable the trigger or replace the function), a member of
 * {@code pg_execute_server_program}, or, before PostgreSQL 16, a role with CREATEROLE (it can grant
 * itself the owner's role). See docs/adr/0020-database-roles-and-write-guard.md.
 */
@Service
public class GuardPosture {

    /** Shown wherever the guard is (start-up, rollback status, ops page, report). */
    public static final String ADVISORY = "guard advisory: the service's role can disable it";

    private static final Logger log = LoggerFactory.getLogger(GuardPosture.class);

    private static final String POSTURE = """
            SELECT session_user AS role, r.rolsuper AS superuser,
                   r.rolcreaterole AND current_setting('server_version_num')::int < 160000 AS createrole,
                   pg_has_role(r.oid, 'pg_execute_server_program', 'MEMBER') AS server_program,
                   pg_has_role(r.oid, n.nspowner, 'MEMBER') AS schema_owner,
                   (SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
                      FROM pg_catalog.pg_class c
                     WHERE c.oid IN (to_regclass('teams_team'), to_regclass('teams_teammembership'),
                                     to_regclass('teams_ranking_breakdown'), to_regclass('organizations_feature_flag'),
                                     to_regclass('organizations_feature_flag_change'),
                                     to_regclass('organizations_legacy_write_audit'))
                       AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS owned_tables,
                   EXISTS (SELECT FROM pg_catalog.pg_proc p
                            WHERE p.oid = to_regprocedure('deltacrown_legacy_write_guard()')
                              AND pg_has_role(r.oid, p.proowner, 'MEMBER')) AS guard_owner
              FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
             WHERE r.rolname = session_user AND n.oid = current_schema()::regnamespace
            """;

    private final JdbcClient jdbc;
    private final boolean serving;

    GuardPosture(JdbcClient jdbc, @Value("${deltacrown.mode:cli}") String mode) {
        this.jdbc = jdbc;
        this.serving = "serve".equals(mode);
    }

    /** @param advisoryReasons why the service's role could disable the guard; empty: it cannot */
    public record Status(String role, List<String> advisoryReasons) {

        public boolean advisory() {
            return !advisoryReasons.isEmpty();
        }

        /** One line: {@value #ADVISORY} with the reasons, or that the guard binds the service too. */
        public String describe() {
            return advisory()
                    ? ADVISORY + " (" + role + ": " + String.join("; ", advisoryReasons) + ")"
                    : "guard enforced: the service's role (" + role + ") cannot disable it";
        }
    }

    public Status status() {
        return jdbc.sql(POSTURE)
                .query((rs, row) -> {
                    List<String> reasons = new ArrayList<>();
                    if (rs.getBoolean("superuser")) {
                        reasons.add("superuser");
                    } else {
                        String owned = rs.getString("owned_tables");
                        if (owned != null) {
                            reasons.add("owns " + owned);
                        }
                        if (rs.getBoolean("schema_owner")) {
                            reasons.add("owns the schema");
                        }
                        if (rs.getBoolean("guard_owner")) {
                            reasons.add("owns the guard function");
                        }
                        if (rs.getBoolean("server_program")) {
                            reasons.add("member of pg_execute_server_program");
                        }
                        if (rs.getBoolean("createrole")) {
                            reasons.add("CREATEROLE (may grant itself the owner's role)");
                        }
                    }
                    return new Status(rs.getString("role"), List.copyOf(reasons));
                })
                .single();
    }

    /** The one start-up warning of a service whose guard is only advisory. */
    @EventListener(ApplicationReadyEvent.class)
    void warnWhenAdvisory() {
        if (!serving) {
            return;
        }
        Status status = status();
        if (status.advisory()) {
            log.atWarn()
                    .addKeyValue("event_type", "legacy_write_guard_advisory")
                    .addKeyValue("db_role", status.role())
                    .addKeyValue("reasons", String.join("; ", status.advisoryReasons()))
                    .log(status.describe()
                            + "; run the service as a role that owns nothing (DATABASE_URL) with the schema owner in"
                            + " DATABASE_OWNER_URL");
        }
    }
}
