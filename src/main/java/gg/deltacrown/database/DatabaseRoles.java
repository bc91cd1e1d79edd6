package gg.deltacrown.database;

/**
 * The database roles of the security model (docs/adr/0020-database-roles-and-write-guard.md).
 *
 * <p>The names are cluster-wide PostgreSQL roles; the legacy write guard
 * ({@code V6__legacy_write_guard_nobody_can_forge.sql}) compares the writer with them by name.
 */
public final class DatabaseRoles {

    /**
     * The only role whose legacy writes the guard lets through unaudited while blocking is on.
     * NOLOGIN: the runtime role takes it with {@code SET LOCAL ROLE} inside the transactions that
     * write {@code teams_*} (the dual-write's dispatch and strict mode, and the service's data
     * tools). Revoking its privileges on a legacy table makes every shadow write fail.
     */
    public static final String SHADOW_WRITER = "deltacrown_shadow_writer";

    /**
     * NOLOGIN role an operator grants to a role that may write the legacy tables while blocking is
     * on; every such write is audited first.
     */
    public static final String LEGACY_MAINTAINER = "deltacrown_legacy_maintainer";

    /** The embedded default's schema owner (Flyway, grants). */
    public static final String EMBEDDED_OWNER = "deltacrown_owner";

    /** The embedded default's runtime role (the service serves as it). */
    public static final String EMBEDDED_RUNTIME = "deltacrown_app";

    /** The embedded server's superuser (zonky's initdb creates it). */
    public static final String EMBEDDED_SUPERUSER = "postgres";

    private DatabaseRoles() {}
}
