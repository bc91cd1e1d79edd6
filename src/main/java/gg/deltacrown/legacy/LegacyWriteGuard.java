package gg.deltacrown.legacy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The database's legacy write guard as it stands (module API for rollback and status commands). */
@Component
public class LegacyWriteGuard {

    /** What the guard functions themselves read: the stored flag, blocking when unset. */
    private static final String BLOCKING = "SELECT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true)";

    private final JdbcClient jdbc;

    LegacyWriteGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the database rejects writes to the legacy tables (other than opened ones). */
    public boolean isBlocking() {
        return jdbc.sql(BLOCKING).query(Boolean.class).single();
    }
}
