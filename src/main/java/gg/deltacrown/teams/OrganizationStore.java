package gg.deltacrown.teams;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code organizations_organization}, its staff ({@code organizations_org_membership}) and ranking. */
@Repository
class OrganizationStore {

    private static final String CEO_OF = """
            SELECT ceo_id FROM organizations_organization WHERE id = :id
            """;

    private static final String STAFF_ROLE = """
            SELECT role FROM organizations_org_membership WHERE organization_id = :organizationId AND user_id = :userId
            """;

    private static final String IS_CEO_ANYWHERE = """
            SELECT EXISTS (SELECT 1 FROM organizations_org_membership WHERE user_id = :userId AND role = 'CEO')
            """;

    // Serialises one user's organisation creations (at most one CEO membership each). An advisory
    // lock, not a row lock: locking a row of accounts_user needs UPDATE on Django's table, which the
    // runtime role does not hold (docs/adr/0020-database-roles-and-write-guard.md). The backfill
    // takes the same key (migration/backfill/BackfillStatements.LOCK_ORGANIZATION_OWNERS).
    private static final String LOCK_ACCOUNT = """
            SELECT pg_advisory_xact_lock(hashtext('deltacrown_organization_owner'), hashtext(:userId::text))
            """;

    private static final String NAME_TAKEN = """
            SELECT EXISTS (SELECT 1 FROM organizations_organization WHERE name = :name)
            """;

    private static final String SLUG_TAKEN = """
            SELECT EXISTS (SELECT 1 FROM organizations_organization WHERE slug = :slug)
            """;

    private static final String INSERT = """
            INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, verification_date, logo, badge, banner,
                                                    description, website, twitter, master_wallet_id,
                                                    revenue_split_config, enforce_brand, created_at, updated_at)
            VALUES (:name, :slug, :ceoId, false, NULL, :logo, NULL, :banner, '', :website, '', NULL, '{}'::jsonb,
                    false, now(), now())
            RETURNING id
            """;

    private static final String INSERT_STAFF = """
            INSERT INTO organizations_org_membership (organization_id, user_id, role, permissions, joined_at)
            VALUES (:organizationId, :userId, :role, '{}'::jsonb, now())
            """;

    private static final String INSERT_RANKING = """
            INSERT INTO organizations_org_ranking (organization_id, empire_score, global_rank, regional_rank,
                                                   total_trophies, last_calculated)
            VALUES (:organizationId, 0, NULL, NULL, 0, now())
            """;

    private final JdbcClient jdbc;

    OrganizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's CEO, or empty when there is no such organisation. */
    Optional<Long> ceoOf(long organizationId) {
        return jdbc.sql(CEO_OF).param("id", organizationId).query(Long.class).optional();
    }

    Optional<String> staffRole(long organizationId, long userId) {
        return jdbc.sql(STAFF_ROLE)
                .param("organizationId", organizationId)
                .param("userId", userId)
                .query(String.class)
                .optional();
    }

    boolean isCeoAnywhere(long userId) {
        return jdbc.sql(IS_CEO_ANYWHERE)
                .param("userId", userId)
                .query(Boolean.class)
                .single();
    }

    void lockAccount(long userId) {
        jdbc.sql(LOCK_ACCOUNT).param("userId", userId).query().singleRow();
    }

    boolean nameTaken(String name) {
        return jdbc.sql(NAME_TAKEN).param("name", name).query(Boolean.class).single();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql(SLUG_TAKEN).param("slug", slug).query(Boolean.class).single();
    }

    long insert(NewOrganization organization, long ceoId) {
        long id = jdbc.sql(INSERT)
                .param("name", organization.name())
                .param("slug", organization.slug())
                .param("ceoId", ceoId)
                .param("logo", organization.branding().logoUrl())
                .param("banner", organization.branding().bannerUrl())
                .param(
                        "website",
                        organization.branding().websiteUrl() == null
                                ? ""
                                : organization.branding().websiteUrl())
                .query(Long.class)
                .single();
        jdbc.sql(INSERT_STAFF)
                .param("organizationId", id)
                .param("userId", ceoId)
                .param("role", "CEO")
                .update();
        jdbc.sql(INSERT_RANKING).param("organizationId", id).update();
        return id;
    }
}
