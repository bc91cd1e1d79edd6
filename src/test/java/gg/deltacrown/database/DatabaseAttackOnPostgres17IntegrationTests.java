package gg.deltacrown.database;

import gg.deltacrown.support.TestDatabase;

/** {@link DatabaseAttacks} on the test server (PostgreSQL 17, or {@code TEST_DATABASE_URL}). */
class DatabaseAttackOnPostgres17IntegrationTests extends DatabaseAttacks {

    @Override
    DatabaseUrl admin() {
        return TestDatabase.instance().admin();
    }
}
