package gg.deltacrown.teams;

import org.springframework.stereotype.Service;

/**
 * vNext team rows made by tools that generate data ({@code seed_scale}) rather than by the team
 * rules (module API). The same columns as team creation ({@code TeamStore}), so a column added to
 * {@code organizations_team} is added once. Runs inside the caller's transaction, if any.
 */
@Service
public class TeamRows {

    /** The columns a source query of {@link #insertFrom} returns, in this order. */
    public static final String SOURCE_COLUMNS = TeamStore.ROW_SOURCE;

    private final TeamStore store;

    TeamRows(TeamStore store) {
        this.store = store;
    }

    /**
     * Inserts the rows a query returns as {@value #SOURCE_COLUMNS}, the ids taken from the table's
     * sequence by the caller; returns how many.
     */
    public int insertFrom(String sourceQuery) {
        return store.insertRows(sourceQuery);
    }
}
