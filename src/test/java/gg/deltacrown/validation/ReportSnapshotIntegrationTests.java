package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.database.GuardPosture;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The report reads one consistent snapshot with a fixed number of set-based queries (issue 5):
 * every statement is counted at the JDBC level, independently of the report's own count.
 */
@IntegrationTest
class ReportSnapshotIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    Flags flags;

    @Autowired
    GuardPosture guard;

    final List<String> statements = new ArrayList<>();
    final List<String> connections = new ArrayList<>();
    ValidationReports reports;

    @BeforeEach
    void countingDataSource() {
        DataSource counting = ProxyDataSourceBuilder.create(dataSource)
                .listener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        try {
                            Connection connection = execution.getStatement().getConnection();
                            statements.add(connection.getTransactionIsolation() + "/" + connection.isReadOnly() + "/"
                                    + connection.getAutoCommit());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        connections.add(execution.getConnectionId());
                    }

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {}
                })
                .build();
        reports = new ValidationReports(counting, new DataSourceTransactionManager(counting), flags, guard);
        MigrationFixture fixture = new MigrationFixture(dataSource);
        for (int i = 0; i < 30; i++) {
            MigrationFixture.Pair pair = fixture.pair("Team " + i);
            fixture.member(pair, fixture.user("owner" + i), "OWNER", "ACTIVE");
            fixture.vnextMember(pair.vnextTeamId(), fixture.user("player" + i), "PLAYER", "ACTIVE");
        }
    }

    @Test
    void runsTheSameNumberOfQueriesWhateverTheSampleSize() {
        ValidationReport small = reports.generate(ReportRequest.unfiltered(1));
        int afterSmall = statements.size();
        ValidationReport large = reports.generate(ReportRequest.unfiltered(30));

        assertThat(small.consistency().sampledTeams()).isEqualTo(1);
        assertThat(large.consistency().sampledTeams()).isEqualTo(30);
        assertThat(afterSmall).isEqualTo(9);
        assertThat(statements.size() - afterSmall).isEqualTo(9);
        assertThat(small.meta().queryCount()).isEqualTo(9);
        assertThat(large.meta().queryCount()).isEqualTo(9);
        assertThat(large.consistency().membershipCountMismatchCount()).isEqualTo(30);
    }

    @Test
    void addsTwoQueriesForTheDualWriteHealthAndStillNoneForTheFilters() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "query count");

        ValidationReport report = reports.generate(new ReportRequest(30, 1, "NA"));

        assertThat(statements).hasSize(11);
        assertThat(report.meta().queryCount()).isEqualTo(11);
    }

    @Test
    void readsEverythingInOneRepeatableReadReadOnlyTransaction() {
        reports.generate(ReportRequest.unfiltered(10));

        assertThat(statements).hasSize(9).containsOnly(Connection.TRANSACTION_REPEATABLE_READ + "/true/false");
        assertThat(connections).containsOnly(connections.get(0));
    }
}
