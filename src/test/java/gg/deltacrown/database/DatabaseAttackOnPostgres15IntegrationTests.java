package gg.deltacrown.database;

import gg.deltacrown.support.Postgres15;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link DatabaseAttacks} on PostgreSQL 15, where role inheritance belongs to the member role (the
 * runtime role is made NOINHERIT) and CREATEROLE is stronger.
 */
class DatabaseAttackOnPostgres15IntegrationTests extends DatabaseAttacks {

    private Postgres15 server;

    @Override
    DatabaseUrl admin() {
        server = Postgres15.start();
        return DatabaseUrl.parse(server.url());
    }

    @AfterAll
    void stopTheServer() {
        server.close();
    }
}
