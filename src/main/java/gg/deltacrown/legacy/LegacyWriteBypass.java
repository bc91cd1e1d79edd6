package gg.deltacrown.legacy;

import gg.deltacrown.database.DatabaseRoles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the rest of the current transaction write the legacy tables while the database guard
 * blocks them: the transaction takes the shadow writer role ({@code SET LOCAL ROLE}
 * {@value DatabaseRoles#SHADOW_WRITER}), the one role the guard honours, and records the reason in
 * {@code deltacrown.legacy_write_bypass}. Both end with the transaction, so a pooled connection
 * never keeps them. The shadow writer has the runtime role's rights plus writes on the legacy
 * tables (docs/adr/0020-database-roles-and-write-guard.md), so the rest of the transaction runs
 * unchanged.
 */
@Component
public class LegacyWriteBypass {

    // A role that is not the shadow writer's member (a one-role database whose owner could not
    // create or grant it: docs/adr/0020-database-roles-and-write-guard.md) keeps its own role; the
    // guard then treats its writes as anyone else's, and start-up has said so.
    private static final String OPEN = """
            SELECT set_config('role',
                              CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_roles r
                                                 WHERE r.rolname = '%1$s' AND pg_has_role(session_user, r.oid, 'MEMBER'))
                                   THEN '%1$s' ELSE current_setting('role') END,
                              true),
                   set_config('deltacrown.legacy_write_bypass', :reason, true)
            """.formatted(DatabaseRoles.SHADOW_WRITER);

    private final JdbcClient jdbc;

    LegacyWriteBypass(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void open(LegacyWriteReason reason) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the legacy write bypass only exists inside a transaction");
        }
        if (reason == null) {
            throw new IllegalArgumentException("a legacy write bypass needs a reason");
        }
        jdbc.sql(OPEN).param("reason", reason.code()).query().singleRow();
    }
}
