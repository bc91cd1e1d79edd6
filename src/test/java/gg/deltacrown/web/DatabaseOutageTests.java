package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTests {

    @ParameterizedTest
    @CsvSource({
        "57014, STATEMENT_TIMEOUT",
        "55P03, LOCK_TIMEOUT",
        "40P01, DEADLOCK",
        "08006, NO_CONNECTION",
        "08001, NO_CONNECTION",
        "57P01, NO_CONNECTION",
        "53300, NO_CONNECTION"
    })
    void readsTheSqlStateAnywhereInTheCauseChain(String state, DatabaseOutage outage) {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(new SQLException("x", state)));

        assertThat(DatabaseOutage.of(wrapped)).contains(outage);
    }

    @Test
    void noConnectionFromThePoolIsAnOutage() {
        assertThat(DatabaseOutage.of(new CannotGetJdbcConnectionException("x", new SQLTransientConnectionException())))
                .contains(DatabaseOutage.NO_CONNECTION);
        assertThat(DatabaseOutage.of(new CannotCreateTransactionException("x"))).contains(DatabaseOutage.NO_CONNECTION);
    }

    @Test
    void aRollbackThatFailedAfterALostConnectionIsThatOutageButAFailedCommitAloneIsNot() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(
                new DataAccessResourceFailureException("select", new SQLException("I/O error", "08006")));

        assertThat(DatabaseOutage.of(rollback)).contains(DatabaseOutage.NO_CONNECTION);
        // After a failed commit there is no application exception: whether it committed is not known.
        assertThat(DatabaseOutage.of(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isEmpty();
    }

    @Test
    void whatTheRequestCausedIsNot() {
        assertThat(DatabaseOutage.of(new DataIntegrityViolationException("x", new SQLException("x", "23505"))))
                .isEmpty();
        assertThat(DatabaseOutage.of(new SQLException("x", "22021"))).isEmpty();
        assertThat(DatabaseOutage.of(new IllegalArgumentException())).isEmpty();
    }
}
