package gg.deltacrown.teams;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code organizations_team}. */
@Repository
class TeamStore {

    private static final String SELECT = """
            SELECT t.id, t.name, t.slug, t.organization_id, t.owner_id, t.game_id, t.region, t.status, t.logo,
                   t.banner, t.description, t.preferred_server, t.created_at, t.updated_at,
                   t.branding ->> 'logo_url' AS branding_logo_url,
                   t.branding ->> 'banner_url' AS branding_banner_url,
                   t.branding ->> 'primary_color' AS branding_primary_color,
                   t.branding ->> 'secondary_color' AS branding_secondary_color,
                   t.branding ->> 'tagline' AS branding_tagline,
                   o.name AS organization_name, o.slug AS organization_slug, o.ceo_id AS organization_ceo_id,
                   o.logo AS organization_logo, o.enforce_brand AS organization_enforce_brand,
                   u.username AS owner_username
              FROM organizations_team t
              LEFT JOIN organizations_organization o ON o.id = t.organization_id
              LEFT JOIN accounts_user u ON u.id = t.owner_id
            """;

    /** Active teams the user owns or is an active member of, by name. */
    private static final String OF_USER = """
            SELECT t.id, t.name, t.slug, t.game_id, t.region,
                   coalesce(m.role, CASE WHEN t.owner_id = :user THEN 'OWNER' END) AS role
              FROM organizations_team t
              LEFT JOIN organizations_membership m ON m.team_id = t.id AND m.user_id = :user AND m.status = 'ACTIVE'
             WHERE t.status = 'ACTIVE' AND (t.owner_id = :user OR m.id IS NOT NULL)
             ORDER BY lower(t.name), t.id
            """;

    /** The columns of a new row, for team creation and for the rows tools make (docs/adr/0019-states-are-types-one-insert-per-table.md). */
    private static final String INSERT_COLUMNS = """
            name, slug, organization_id, owner_id, game_id, region, status, logo, banner, description,
                preferred_server, emergency_contact_discord, emergency_contact_phone, is_temporary, created_at,
                updated_at, branding""";

    /**
     * A new team and, when independent, its owner's membership, in one statement (one round trip,
     * docs/adr/0028-dual-write-hot-paths.md). An organisation team is inserted only when
     * {@code :ceoGuard} is null or the organisation's CEO: the caller checks the long way when no
     * row comes back (a taken slug, or a requester who is not the CEO).
     */
    private static final String INSERT = "WITH team AS (\nINSERT INTO organizations_team (" + INSERT_COLUMNS + ")"
            + """

            SELECT :name, :slug, CAST(:organizationId AS bigint), CAST(:ownerId AS bigint), :gameId, :region, 'ACTIVE',
                   NULL, NULL,
                   '', '', '', '', false, now(), now(),
                   jsonb_strip_nulls(jsonb_build_object(
                       'logo_url', CAST(:logoUrl AS text), 'banner_url', CAST(:bannerUrl AS text),
                       'primary_color', CAST(:primaryColor AS text), 'secondary_color', CAST(:secondaryColor AS text),
                       'tagline', CAST(:tagline AS text)))
             WHERE CAST(:ceoGuard AS bigint) IS NULL
                OR EXISTS (SELECT 1 FROM organizations_organization o
                            WHERE o.id = CAST(:organizationId AS bigint) AND o.ceo_id = CAST(:ceoGuard AS bigint))
            ON CONFLICT (slug) DO NOTHING
            RETURNING id, owner_id),
            owner AS (
            """ + MembershipStore.INSERT_OWNERS_OF.formatted("team") + """
            )
            SELECT id FROM team
            """;

    /** What a tool gives for a row it makes: the columns of the source row {@code u}. */
    static final String ROW_SOURCE = "id, name, slug, organization_id, owner_id, game_id, region, status, created_at";

    /** Rows made by tools (seed data, fixtures) from a query of (ROW_SOURCE), ids from the sequence. */
    private static final String INSERT_ROWS =
            "INSERT INTO organizations_team (id, " + INSERT_COLUMNS + ")" + """

            SELECT u.id, u.name, u.slug, u.organization_id, u.owner_id, u.game_id, u.region, u.status, NULL, NULL,
                   '', '', '', '', false, u.created_at, u.created_at, '{}'::jsonb
              FROM (%s) AS u(""" + ROW_SOURCE + ")";

    private static final String ROW_PARAMETERS = """
            SELECT nextval(pg_get_serial_sequence('organizations_team', 'id')), CAST(:name AS varchar),
                   CAST(:slug AS varchar), CAST(:organizationId AS bigint), CAST(:ownerId AS bigint),
                   CAST(:gameId AS integer), CAST(:region AS varchar), CAST(:status AS varchar),
                   CAST(:createdAt AS timestamptz)""";

    private static final String TAKEN_SLUGS = """
            SELECT slug FROM organizations_team WHERE slug = :base OR slug LIKE :pattern ESCAPE '\\'
            """;

    // Keys we do not know (none today) survive: only the branding keys are replaced.
    private static final String UPDATE_SETTINGS = """
            UPDATE organizations_team
               SET region = :region,
                   description = :description,
                   preferred_server = :preferredServer,
                   branding = (branding - ARRAY['logo_url', 'banner_url', 'primary_color', 'secondary_color', 'tagline'])
                              || jsonb_strip_nulls(jsonb_build_object(
                                     'logo_url', CAST(:logoUrl AS text), 'banner_url', CAST(:bannerUrl AS text),
                                     'primary_color', CAST(:primaryColor AS text),
                                     'secondary_color', CAST(:secondaryColor AS text),
                                     'tagline', CAST(:tagline AS text))),
                   updated_at = now()
             WHERE id = :id
            """;

    private final JdbcClient jdbc;

    TeamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Team> bySlug(String slug) {
        return jdbc.sql(SELECT + " WHERE t.slug = :slug")
                .param("slug", slug)
                .query(TeamStore::map)
                .optional();
    }

    /** The team, its row locked until the end of the transaction. */
    Optional<Team> lockBySlug(String slug) {
        return jdbc.sql(SELECT + " WHERE t.slug = :slug FOR UPDATE OF t")
                .param("slug", slug)
                .query(TeamStore::map)
                .optional();
    }

    Optional<Team> byId(long id) {
        return jdbc.sql(SELECT + " WHERE t.id = :id")
                .param("id", id)
                .query(TeamStore::map)
                .optional();
    }

    /**
     * Inserts the team (and an independent team's owner membership) unless the slug is taken or,
     * with a {@code ceoGuard}, that user is not the organisation's CEO; then empty.
     */
    OptionalLong insert(NewTeam team, String slug, Long ownerId, Long ceoGuard) {
        Optional<Long> id = withBranding(jdbc.sql(INSERT), team.branding())
                .param("name", team.name())
                .param("slug", slug)
                .param("organizationId", team.organizationId())
                .param("ownerId", ownerId)
                .param("gameId", team.gameId().intValue())
                .param("region", team.region())
                .param("ceoGuard", ceoGuard)
                .query(Long.class)
                .optional();
        return id.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** Rows made by a tool from a query returning {@value #ROW_SOURCE}; returns how many. */
    int insertRows(String sourceQuery) {
        return jdbc.sql(INSERT_ROWS.formatted(sourceQuery)).update();
    }

    /** One row made by a tool or a test fixture, with a new id; returns the id. */
    long insertRow(TeamRow row) {
        return jdbc.sql(INSERT_ROWS.formatted(ROW_PARAMETERS) + " RETURNING id")
                .param("name", row.name())
                .param("slug", row.slug())
                .param("organizationId", row.organizationId())
                .param("ownerId", row.ownerId())
                .param("gameId", row.gameId())
                .param("region", row.region())
                .param("status", row.status().name())
                .param("createdAt", row.createdAt())
                .query(Long.class)
                .single();
    }

    /** Slugs equal to {@code base} or of the form {@code base-…}. */
    Set<String> takenSlugs(String base) {
        String pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%";
        return new HashSet<>(jdbc.sql(TAKEN_SLUGS)
                .param("base", base)
                .param("pattern", pattern)
                .query(String.class)
                .list());
    }

    void updateSettings(Team team) {
        withBranding(jdbc.sql(UPDATE_SETTINGS), team.branding())
                .param("region", team.region())
                .param("description", team.description())
                .param("preferredServer", team.preferredServer())
                .param("id", team.id())
                .update();
    }

    private static Team map(ResultSet rs, int row) throws SQLException {
        long organizationId = rs.getLong("organization_id");
        TeamOrganization organization = rs.wasNull()
                ? null
                : new TeamOrganization(
                        organizationId,
                        rs.getString("organization_name"),
                        rs.getString("organization_slug"),
                        rs.getLong("organization_ceo_id"),
                        rs.getString("organization_logo"),
                        rs.getBoolean("organization_enforce_brand"));
        return new Team(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("slug"),
                organization,
                rs.getObject("owner_id", Long.class),
                rs.getString("owner_username"),
                rs.getInt("game_id"),
                rs.getString("region"),
                TeamStatus.ofStored(rs.getString("status")),
                rs.getString("logo"),
                rs.getString("banner"),
                rs.getString("description"),
                rs.getString("preferred_server"),
                new Branding(
                        rs.getString("branding_logo_url"),
                        rs.getString("branding_banner_url"),
                        rs.getString("branding_primary_color"),
                        rs.getString("branding_secondary_color"),
                        rs.getString("branding_tagline")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static JdbcClient.StatementSpec withBranding(JdbcClient.StatementSpec statement, Branding branding) {
        return statement
                .param("logoUrl", branding.logoUrl())
                .param("bannerUrl", branding.bannerUrl())
                .param("primaryColor", branding.primaryColor())
                .param("secondaryColor", branding.secondaryColor())
                .param("tagline", branding.tagline());
    }

    List<UserTeam> ofUser(long userId) {
        return jdbc.sql(OF_USER)
                .param("user", userId)
                .query((rs, row) -> new UserTeam(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("slug"),
                        rs.getInt("game_id"),
                        rs.getString("region"),
                        rs.getString("role")))
                .list();
    }
}
