package gg.deltacrown.legacy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Opens the legacy write guard for the rest of the current transaction, with a reason
 * ({@code SET LOCAL deltacrown.legacy_write_bypass}). The database trigger lets the transaction's
 * writes through and records non-dual-write reasons in {@code organizations_legacy_write_audit}.
 */
@Component
public class LegacyWriteBypass {

    private final JdbcClient jdbc;

    LegacyWriteBypass(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void open(String reason) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the legacy write bypass only exists inside a transaction");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a legacy write bypass needs a reason");
        }
        jdbc.sql("SELECT set_config('deltacrown.legacy_write_bypass', :reason, true)")
                .param("reason", reason)
                .query(String.class)
                .single();
    }
}
