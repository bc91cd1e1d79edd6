package gg.deltacrown.database;

/** The database is neither empty nor a DeltaCrown database. */
public class IncompatibleDatabaseException extends IllegalStateException {
    public IncompatibleDatabaseException(String message) {
        super(message);
    }
}
