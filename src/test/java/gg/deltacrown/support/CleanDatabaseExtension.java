package gg.deltacrown.support;

import gg.deltacrown.flags.Flags;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Empties every table of the service as the database owner (legacy ones included, bypassing
 * the legacy write guard with {@code session_replication_role}) before each test, and resets the flags to defaults.
 */
public class CleanDatabaseExtension implements BeforeEachCallback {

    private static final String TABLES = """
            SELECT string_agg(format('%I', tablename), ', ')
              FROM pg_tables
             WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
            """;

    @Override
    public void beforeEach(ExtensionContext context) {
        var application = SpringExtension.getApplicationContext(context);
        JdbcTemplate jdbc = DatabaseOwner.jdbc(application.getEnvironment(), application.getBean(DataSource.class));
        String tables = jdbc.queryForObject(TABLES, String.class);
        // The previous test's dispatcher may still hold row locks; TRUNCATE can lose a deadlock to it.
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.execute("""
                        DO $$ BEGIN
                          SET LOCAL session_replication_role = replica;
                          EXECUTE 'TRUNCATE %s RESTART IDENTITY CASCADE';
                        END $$""".formatted(tables));
                break;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        application.getBean(Flags.class).refresh();
    }
}
