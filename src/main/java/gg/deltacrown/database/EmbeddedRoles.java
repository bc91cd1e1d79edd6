package gg.deltacrown.database;

import static gg.deltacrown.database.DatabaseRoles.EMBEDDED_OWNER;
import static gg.deltacrown.database.DatabaseRoles.EMBEDDED_RUNTIME;
import static gg.deltacrown.database.DatabaseRoles.EMBEDDED_SUPERUSER;
import static gg.deltacrown.database.DatabaseRoles.LEGACY_MAINTAINER;
import static gg.deltacrown.database.DatabaseRoles.SHADOW_WRITER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded server's roles and authentication, brought to the state of the security model at
 * every start (docs/adr/0020-database-roles-and-write-guard.md), as its superuser: the schema
 * owner and the runtime role with their generated passwords, the two NOLOGIN roles of the guard,
 * and password authentication (scram-sha-256) for every connection. A data directory made by a
 * version without roles (everything owned by the superuser, {@code trust} for every local user) is
 * upgraded in place: its objects are handed to the owner, then trust ends.
 */
final class EmbeddedRoles {

    /** Every connection, local socket or loopback TCP, authenticates with its password. */
    static final String HBA = """
            # Written by DeltaCrown at every start of the embedded PostgreSQL: every connection needs
            # the password of its role (see pgpass next to pgdata/). No trust.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    // Objects the superuser owns in the service's schema (a data directory of the previous version):
    // handed to the owner. Sequences of serial and identity columns follow their table.
    private static final String HAND_OVER = """
            DO $$ DECLARE r record;
            BEGIN
              FOR r IN SELECT c.relname, c.relkind
                         FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = '%1$s'::regrole
                          AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                          AND NOT EXISTS (SELECT FROM pg_depend d
                                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                             AND d.deptype IN ('a', 'i') AND c.relkind = 'S') LOOP
                EXECUTE format('ALTER %%s %%I OWNER TO %2$s',
                               CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                              WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.relname);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = '%1$s'::regrole LOOP
                EXECUTE format('ALTER ROUTINE %%s OWNER TO %2$s', r.signature);
              END LOOP;
            END $$""".formatted(EMBEDDED_SUPERUSER, EMBEDDED_OWNER);

    private EmbeddedRoles() {}

    /** @return true when the data directory trusted local users until now (an upgrade in place) */
    static boolean secure(Connection superuser, EmbeddedCredentials credentials, Path pgdata)
            throws SQLException, IOException {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("ALTER ROLE " + EMBEDDED_SUPERUSER + " PASSWORD "
                    + DatabaseGrants.literal(credentials.password(EMBEDDED_SUPERUSER)));
            for (String role : List.of(EMBEDDED_OWNER, EMBEDDED_RUNTIME)) {
                ensureRole(sql, role, "LOGIN");
                sql.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD "
                        + DatabaseGrants.literal(credentials.password(role)));
            }
            ensureRole(sql, SHADOW_WRITER, "NOLOGIN");
            ensureRole(sql, LEGACY_MAINTAINER, "NOLOGIN");
            sql.execute("GRANT " + SHADOW_WRITER + " TO " + EMBEDDED_RUNTIME + " WITH INHERIT FALSE, SET TRUE");
            sql.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + EMBEDDED_OWNER);
            sql.execute(HAND_OVER);
        }
        Path hba = pgdata.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return false;
        }
        boolean trusted = trustsLocalUsers(pgdata);
        Files.writeString(hba, HBA, StandardCharsets.UTF_8);
        try (Statement sql = superuser.createStatement()) {
            sql.execute("SELECT pg_reload_conf()");
        }
        return trusted;
    }

    /** Whether a data directory still lets local users in without a password. */
    static boolean trustsLocalUsers(Path pgdata) throws IOException {
        Path hba = pgdata.resolve("pg_hba.conf");
        return Files.exists(hba)
                && Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    private static void ensureRole(Statement sql, String role, String login) throws SQLException {
        sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                + role + " " + login + "; END IF; END $$");
    }
}
