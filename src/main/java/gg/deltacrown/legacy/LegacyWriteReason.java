package gg.deltacrown.legacy;

/**
 * Why a transaction writes the legacy tables: the only argument of {@link LegacyWriteBypass#open}.
 * The code is what the transaction's {@code deltacrown.legacy_write_bypass} setting says; the
 * database guard lets the writes through because of the role the bypass takes, never because of
 * this text (docs/adr/0020-database-roles-and-write-guard.md).
 */
public enum LegacyWriteReason {
    /** The dispatcher mirrors committed outbox rows. */
    DUAL_WRITE_DISPATCH("dual_write_dispatch"),
    /** Strict mode: the shadow write joins the request transaction. */
    DUAL_WRITE_STRICT("dual_write_strict"),
    /** {@code seed_scale} generates legacy teams and memberships. */
    SEED_SCALE("seed_scale"),
    /** The embedded default's demo legacy teams. */
    DEMO_SEED("demo_seed"),
    /** {@code cleanup_test_data} deletes test teams from both sides. */
    CLEANUP_TEST_DATA("cleanup_test_data"),
    /** {@code backfill} mirrors vNext teams that have no legacy shadow yet. */
    BACKFILL("dual_write_backfill"),
    /** {@code repair} re-mirrors teams whose shadow drifted. */
    REPAIR("dual_write_repair"),
    /** Legacy rows a test sets up before it exercises the service. */
    TEST_FIXTURE("test_fixture");

    private final String code;

    LegacyWriteReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
