package gg.deltacrown.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The service's transaction manager: Spring's JDBC one, plus, for a transaction begun while
 * handling an HTTP request, PostgreSQL's {@code statement_timeout} and {@code lock_timeout} for
 * that transaction only ({@code set_config(..., true)} is {@code SET LOCAL}). A request stuck
 * behind a row lock or in a slow statement fails in seconds with SQLSTATE 55P03 or 57014 (the web
 * layer answers 503) instead of holding a pooled connection. Transactions of other threads
 * (the outbox dispatcher) and of CLI commands (Spring Boot's own manager there) keep the server's
 * defaults.
 *
 * <p>A read-only request transaction (the validation report's snapshot) gets the lock timeout but
 * no statement timeout: it takes no row locks, and a large report may need longer.
 */
@Component("transactionManager")
@ConditionalOnWebApplication
public class RequestTransactions extends JdbcTransactionManager {

    private final String readWrite;
    private final String readOnly;

    RequestTransactions(
            DataSource dataSource, RequestTimeouts limits, ObjectProvider<TransactionManagerCustomizers> customizers) {
        super(dataSource);
        this.readWrite = settings(limits.statementTimeout(), limits.lockTimeout());
        this.readOnly = settings(Duration.ZERO, limits.lockTimeout());
        // What Spring Boot's own transaction manager gets (spring.transaction.* properties).
        customizers.ifAvailable(all -> all.customize(this));
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        String settings = definition.isReadOnly() ? readOnly : readWrite;
        if (settings == null || RequestContextHolder.getRequestAttributes() == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(settings);
        }
    }

    /** One statement, so one round trip; null when neither timeout is set. */
    private static String settings(Duration statementTimeout, Duration lockTimeout) {
        StringBuilder select = new StringBuilder();
        if (!statementTimeout.isZero()) {
            select.append("set_config('statement_timeout', '")
                    .append(statementTimeout.toMillis())
                    .append("', true)");
        }
        if (!lockTimeout.isZero()) {
            select.append(select.isEmpty() ? "" : ", ")
                    .append("set_config('lock_timeout', '")
                    .append(lockTimeout.toMillis())
                    .append("', true)");
        }
        return select.isEmpty() ? null : "SELECT " + select;
    }
}
