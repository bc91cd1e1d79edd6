package gg.deltacrown.database;

import java.util.List;

/**
 * SQL copied unchanged from ../shared/seeds/P5_T6_STAGING_DUAL_WRITE_TESTING.md (Appendix B,
 * Phase 3 Step 4 and the Flow 2 and Flow 4 checks), with the runbook's example ids.
 */
public final class RunbookSql {

    public static final List<String> APPENDIX_B = List.of(
            "SELECT COUNT(*) as vnext_teams FROM organizations_team WHERE status = 'ACTIVE';",
            "SELECT COUNT(*) as legacy_teams FROM teams_team WHERE is_active = true;",
            "SELECT COUNT(*) as mappings FROM organizations_teammigrationmap;",
            """
            SELECT\s
              (COUNT(DISTINCT otm.legacy_team_id)::float / COUNT(DISTINCT tt.id)::float * 100) as coverage_pct
            FROM teams_team tt
            LEFT JOIN organizations_teammigrationmap otm ON tt.id = otm.legacy_team_id
            WHERE tt.is_active = true;
            """,
            """
            SELECT tt.id, tt.name, tt.slug, tt.game
            FROM teams_team tt
            LEFT JOIN organizations_teammigrationmap otm ON tt.id = otm.legacy_team_id
            WHERE tt.is_active = true AND otm.id IS NULL;
            """,
            """
            SELECT\s
              ot.id as vnext_id,
              ot.name,
              ot.created_at,
              otm.legacy_team_id,
              tt.id as legacy_id_check,
              tt.created_at as legacy_created_at
            FROM organizations_team ot
            LEFT JOIN organizations_teammigrationmap otm ON ot.id = otm.vnext_team_id
            LEFT JOIN teams_team tt ON otm.legacy_team_id = tt.id
            WHERE ot.created_at > NOW() - INTERVAL '24 hours'
            ORDER BY ot.created_at DESC;
            """);

    public static final String STEP_4_JOIN = """
            SELECT\s
              v.id AS vnext_id,
              v.name AS vnext_name,
              v.slug AS vnext_slug,
              v.game_id AS vnext_game_id,
              v.region AS vnext_region,
              m.legacy_team_id,
              m.verified AS mapping_verified,
              l.id AS legacy_id,
              l.name AS legacy_name,
              l.slug AS legacy_slug,
              l.game AS legacy_game,
              l.region AS legacy_region
            FROM organizations_team v
            INNER JOIN organizations_teammigrationmap m ON v.id = m.vnext_team_id
            INNER JOIN teams_team l ON m.legacy_team_id = l.id
            WHERE v.id = 123;
            """;

    public static final String FLOW_2_LEGACY_MEMBERSHIP = """
            SELECT\s
              tm.id AS legacy_membership_id,
              tm.team_id AS legacy_team_id,
              tm.user_id,
              tm.role,
              tm.status,
              v.id AS vnext_membership_id,
              v.role AS vnext_role
            FROM teams_teammembership tm
            INNER JOIN organizations_teammembership v ON tm.user_id = v.user_id
            WHERE tm.team_id = (
              SELECT legacy_team_id\s
              FROM organizations_teammigrationmap\s
              WHERE vnext_team_id = (SELECT team_id FROM organizations_teammembership WHERE id = 789)
            )
            AND v.id = 789;
            """;

    public static final String FLOW_4_SETTINGS = """
            SELECT id, region, description, branding->>'logo_url' as logo
            FROM organizations_team WHERE id = 123;
            """;

    private RunbookSql() {}
}
