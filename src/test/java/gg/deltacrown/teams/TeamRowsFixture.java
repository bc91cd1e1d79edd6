package gg.deltacrown.teams;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * vNext team rows for tests on any database, made outside the team rules by the team module's own
 * insert ({@link TeamStore}), so fixtures never retype the {@code organizations_team} column list.
 */
public final class TeamRowsFixture {

    private final TeamStore store;

    public TeamRowsFixture(DataSource dataSource) {
        this.store = new TeamStore(JdbcClient.create(dataSource));
    }

    /** One team with a new id; returns the id. */
    public long team(TeamRow row) {
        return store.insertRow(row);
    }

    /**
     * The teams a query returns as {@value TeamRows#SOURCE_COLUMNS}, ids taken from the table's
     * sequence; returns how many.
     */
    public int teams(String sourceQuery) {
        return store.insertRows(sourceQuery);
    }
}
