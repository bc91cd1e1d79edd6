package gg.deltacrown.migration.backfill;

import gg.deltacrown.legacy.ShadowSql;

/**
 * The SQL of one backfill batch, in the order it runs. A batch works on temporary tables of its own
 * transaction ({@code ON COMMIT DROP}): the next unmapped legacy teams and their memberships, then
 * one plan row per team saying what vNext gets and which conflicts were met, then the inserts, each
 * one {@code INSERT … SELECT} over the whole batch.
 */
final class BackfillStatements {

    /**
     * The next active legacy teams without a map row, in id order after the cursor: an index probe
     * into the map per team, stopping at the limit (an anti-join would hash the whole map every
     * batch).
     */
    static final String CANDIDATES = """
            CREATE TEMP TABLE backfill_team ON COMMIT DROP AS
            SELECT lt.id AS legacy_team_id, lt.name, lt.slug AS legacy_slug, lt.game AS legacy_game,
                   %1$s AS game_id, %2$s AS game_known, lt.region, lt.description, lt.logo, lt.banner_image,
                   lt.logo_url, lt.tagline, lt.created_at
              FROM teams_team lt
              LEFT JOIN LATERAL (SELECT true AS found FROM organizations_migration_map m
                                  WHERE m.legacy_team_id = lt.id LIMIT 1) mapped ON true
             WHERE lt.is_active AND lt.id > :after AND lt.id <= :upTo
               AND (CAST(:game AS text) IS NULL OR lt.game = CAST(:game AS text))
               AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))
               AND mapped.found IS NULL
             ORDER BY lt.id
             LIMIT :limit
            """.formatted(
                    InverseMapping.gameIdSql("lt.game"),
                    ShadowSql.legacyGame(InverseMapping.gameIdSql("lt.game")) + " = lt.game");

    /** Where the next batch of parallel workers ends: its last candidate id, and how many it has. */
    static final String RANGE = """
            SELECT max(id) AS up_to, count(*) AS teams FROM (
                SELECT lt.id FROM teams_team lt
                  LEFT JOIN LATERAL (SELECT true AS found FROM organizations_migration_map m
                                      WHERE m.legacy_team_id = lt.id LIMIT 1) mapped ON true
                 WHERE lt.is_active AND lt.id > :after
                   AND (CAST(:game AS text) IS NULL OR lt.game = CAST(:game AS text))
                   AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))
                   AND mapped.found IS NULL
                 ORDER BY lt.id
                 LIMIT :limit) candidates
            """;

    /** The next candidate after the cursor (the team a batch of one would take). */
    static final String NEXT_CANDIDATE = """
            SELECT lt.id FROM teams_team lt
              LEFT JOIN LATERAL (SELECT true AS found FROM organizations_migration_map m
                                  WHERE m.legacy_team_id = lt.id LIMIT 1) mapped ON true
             WHERE lt.is_active AND lt.id > :after AND lt.id <= :upTo
               AND (CAST(:game AS text) IS NULL OR lt.game = CAST(:game AS text))
               AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))
               AND mapped.found IS NULL
             ORDER BY lt.id
             LIMIT 1
            """;

    /** How many teams a run would consider (the progress bar's total). */
    static final String COUNT_CANDIDATES = """
            SELECT count(*) FROM (SELECT 1 FROM teams_team lt
                                   WHERE lt.is_active AND lt.id > :after
                                     AND (CAST(:game AS text) IS NULL OR lt.game = CAST(:game AS text))
                                     AND (CAST(:region AS text) IS NULL OR lt.region = CAST(:region AS text))
                                     AND NOT EXISTS (SELECT 1 FROM organizations_migration_map m
                                                      WHERE m.legacy_team_id = lt.id)
                                   LIMIT :limit) candidates
            """;

    /** The vNext membership a legacy membership becomes, under the alias the shared mapping expects. */
    private static final String PLANNED_MEMBER =
            """
            (SELECT u.id AS user_id, %s AS role, %s AS status, lm.roster_slot, lm.player_role,
                    lm.is_captain AS is_tournament_captain, lm.left_at) v""".formatted(InverseMapping.roleSql("lm.role"), InverseMapping.statusSql("lm.status"));

    /**
     * The batch's legacy memberships with their user (NULL when the profile or its account is
     * missing; {@code user_id} is the profile's user, kept so by the V2 triggers), the vNext role and
     * status they become, and whether the shadow writer would write this very row back for that
     * vNext membership: every column of {@link ShadowSql#memberColumns} (the writer's own mapping
     * as SQL) equal. {@code values_exact}: the role and status alone come back unchanged.
     */
    static final String MEMBERS = """
            CREATE TEMP TABLE backfill_member ON COMMIT DROP AS
            SELECT lm.id AS legacy_membership_id, lm.team_id AS legacy_team_id, v.user_id,
                   lm.role AS legacy_role, lm.status AS legacy_status, lm.roster_slot, lm.player_role, lm.is_captain,
                   lm.joined_at, lm.left_at, v.role, v.status, %s AS values_exact, %s AS round_trips
              FROM backfill_team b
              JOIN teams_teammembership lm ON lm.team_id = b.legacy_team_id
              LEFT JOIN LATERAL (SELECT u.id FROM accounts_user u WHERE u.id = lm.user_id LIMIT 1) u ON true
             CROSS JOIN LATERAL %s
            """.formatted(
                    same(ShadowSql.memberColumns("v", "lm").stream()
                            .filter(c -> c.name().equals("role") || c.name().equals("status"))
                            .toList()),
                    same(ShadowSql.memberColumns("v", "lm")),
                    PLANNED_MEMBER);

    /** The vNext team a legacy team becomes, under the alias the shared mapping expects. */
    private static final String PLANNED_TEAM = """
            (SELECT c.name, CASE WHEN c.slug_free THEN c.legacy_slug END AS slug, c.game_id, c.region, c.description,
                    c.logo, c.banner_image AS banner, jsonb_build_object('logo_url', c.logo_url) AS branding,
                    'ACTIVE' AS status) vt""";

    /** True when every column of the shared mapping is equal (NULL-safe). */
    private static String same(java.util.List<ShadowSql.Column> columns) {
        return columns.stream()
                .map(c -> "(" + c.expected() + ") IS NOT DISTINCT FROM (" + c.actual() + ")")
                .collect(java.util.stream.Collectors.joining(" AND ", "(", ")"));
    }

    /**
     * One row per team: its owner (the ACTIVE OWNER, else the member Django's save would promote:
     * first ACTIVE member by role, then latest joined; nobody when that member has no account),
     * whether it must go into an organisation (its owner already has an ACTIVE independent team for
     * the game, in vNext or earlier in the batch), whether its legacy slug is free in vNext, its vNext
     * id from the table's own sequence (not in a dry run: nothing is taken), and
     * whether its legacy rows are exactly what the shadow writer would write for the new vNext team
     * ({@code canonical}, every column of {@link ShadowSql#teamColumns} equal and every membership
     * round-tripping: then the map row is verified without touching legacy). Lookups into the
     * big tables are {@code LATERAL} index probes per team: the batch's temporary tables have no
     * statistics, and a hashed plan would read the whole table every batch.
     */
    static final String PLAN = """
            CREATE TEMP TABLE backfill_plan ON COMMIT DROP AS
            WITH members AS (
                SELECT legacy_team_id, count(*) FILTER (WHERE user_id IS NOT NULL) AS memberships,
                       bool_or(legacy_role = 'OWNER' AND legacy_status = 'ACTIVE') AS has_owner,
                       max(user_id) FILTER (WHERE legacy_role = 'OWNER' AND legacy_status = 'ACTIVE') AS owner_user_id,
                       count(*) FILTER (WHERE user_id IS NULL) AS without_user,
                       string_agg(legacy_membership_id::text, ', ' ORDER BY legacy_membership_id)
                           FILTER (WHERE user_id IS NULL) AS without_user_ids,
                       bool_and(round_trips OR user_id IS NULL) AS members_round_trip,
                       string_agg(DISTINCT legacy_role || '/' || legacy_status, ', ')
                           FILTER (WHERE NOT values_exact AND user_id IS NOT NULL) AS changed_roles
                  FROM backfill_member
                 GROUP BY legacy_team_id),
            promoted AS (
                SELECT DISTINCT ON (m.legacy_team_id) m.legacy_team_id, m.user_id
                  FROM backfill_member m
                  JOIN members g ON g.legacy_team_id = m.legacy_team_id AND NOT g.has_owner
                 WHERE m.legacy_status = 'ACTIVE'
                 ORDER BY m.legacy_team_id, m.legacy_role COLLATE "C", m.joined_at DESC),
            owned AS (
                SELECT t.*, coalesce(m.owner_user_id, o.user_id) AS owner_user_id, o.legacy_team_id IS NOT NULL AS owner_promoted,
                       coalesce(m.memberships, 0) AS memberships, coalesce(m.without_user, 0) AS without_user,
                       m.without_user_ids, coalesce(m.members_round_trip, true) AS members_round_trip,
                       m.changed_roles, coalesce(m.owner_user_id, o.user_id) IS NULL AS no_owner
                  FROM backfill_team t
                  LEFT JOIN members m USING (legacy_team_id)
                  LEFT JOIN promoted o USING (legacy_team_id)),
            checked AS (
                SELECT w.*,
                       NOT w.no_owner
                           AND (owner_team.found IS TRUE
                                OR row_number() OVER (PARTITION BY w.no_owner, w.owner_user_id, w.game_id
                                                      ORDER BY w.legacy_team_id) > 1) AS needs_organization,
                       NOT w.no_owner AND w.legacy_slug <> '' AND slug_team.found IS NULL
                           AND row_number() OVER (PARTITION BY w.no_owner, w.legacy_slug
                                                  ORDER BY w.legacy_team_id) = 1 AS slug_free,
                       ranking.found IS TRUE AS has_ranking
                  FROM owned w
                  LEFT JOIN LATERAL (SELECT true AS found FROM organizations_team vt
                                      WHERE vt.owner_id = w.owner_user_id AND vt.game_id = w.game_id
                                        AND vt.status = 'ACTIVE'
                                      LIMIT 1) owner_team ON true
                  LEFT JOIN LATERAL (SELECT true AS found FROM organizations_team vt WHERE vt.slug = w.legacy_slug
                                      LIMIT 1) slug_team ON true
                  LEFT JOIN LATERAL (SELECT true AS found FROM teams_ranking_breakdown r
                                      WHERE r.team_id = w.legacy_team_id
                                      LIMIT 1) ranking ON true)
            SELECT c.*,
                   CASE WHEN c.no_owner THEN 'no_owner' END AS skip_reason,
                   CASE WHEN c.slug_free THEN c.legacy_slug END AS vnext_slug,
                   %s AND NOT c.owner_promoted AND c.members_round_trip AS canonical,
                   CAST(NULL AS bigint) AS organization_id,
                   false AS organization_created,
                   CASE WHEN :write AND NOT c.no_owner
                        THEN nextval(pg_get_serial_sequence('organizations_team', 'id')) END AS vnext_team_id
              FROM checked c
              JOIN teams_team lt ON lt.id = c.legacy_team_id
             CROSS JOIN LATERAL %s
             ORDER BY c.legacy_team_id
            """.formatted(same(ShadowSql.teamColumns("vt", "lt")), PLANNED_TEAM);

    /** Teams whose legacy slug cannot be their vNext slug (taken, empty): resolved in Java. */
    static final String SLUG_CONFLICTS = """
            SELECT legacy_team_id, name, legacy_slug, legacy_game
              FROM backfill_plan
             WHERE skip_reason IS NULL AND NOT slug_free
             ORDER BY legacy_team_id
            """;

    /** Which of these slugs a vNext team, or a free team of the batch, already has. */
    static final String TAKEN_VNEXT_SLUGS = """
            SELECT slug FROM organizations_team WHERE slug = ANY(:slugs)
            UNION
            SELECT vnext_slug FROM backfill_plan WHERE vnext_slug = ANY(:slugs)
            """;

    /** Legacy teams holding one of these slugs (a shadow's slug must be free in its game). */
    static final String LEGACY_SLUG_HOLDERS = """
            SELECT id, game, slug FROM teams_team WHERE slug = ANY(:slugs)
            """;

    static final String SET_SLUGS = """
            UPDATE backfill_plan p
               SET vnext_slug = u.slug
              FROM unnest(CAST(:ids AS bigint[]), CAST(:slugs AS varchar[])) AS u(legacy_team_id, slug)
             WHERE p.legacy_team_id = u.legacy_team_id
            """;

    /**
     * Serialises with the API's organisation creation for the same accounts (it takes the same
     * advisory lock per account), so an owner never ends up CEO of two organisations.
     */
    static final String LOCK_ORGANIZATION_OWNERS = """
            SELECT count(pg_advisory_xact_lock(hashtext('deltacrown_organization_owner'), hashtext(o.id::text)))
              FROM (SELECT DISTINCT owner_user_id AS id FROM backfill_plan
                     WHERE needs_organization AND skip_reason IS NULL
                     ORDER BY 1) AS o
            """;

    /** A conflicting owner's teams go into the organisation they are CEO of (the oldest one). */
    static final String USE_OWNER_ORGANIZATIONS = """
            UPDATE backfill_plan p
               SET organization_id = o.id
              FROM (SELECT DISTINCT ON (ceo_id) ceo_id, id FROM organizations_organization
                     WHERE ceo_id IN (SELECT owner_user_id FROM backfill_plan WHERE needs_organization)
                     ORDER BY ceo_id, id) o
             WHERE p.needs_organization AND p.skip_reason IS NULL AND o.ceo_id = p.owner_user_id
            """;

    /**
     * Or into one created for them, as the API creates one (CEO staff row, empty ranking). The name
     * and slug carry the account id; an organisation already holding either makes the team skip.
     */
    static final String CREATE_OWNER_ORGANIZATIONS = """
            WITH owners AS (
                SELECT DISTINCT p.owner_user_id FROM backfill_plan p
                 WHERE p.needs_organization AND p.skip_reason IS NULL AND p.organization_id IS NULL),
            created AS (
                INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, verification_date, logo, badge,
                    banner, description, website, twitter, master_wallet_id, revenue_split_config, enforce_brand,
                    created_at, updated_at)
                SELECT left(u.username, 60) || ' legacy teams #' || u.id, 'legacy-teams-' || u.id, u.id, false, NULL,
                       NULL, NULL, NULL,
                       'Created by backfill for the legacy teams of ' || left(u.username, 150)
                           || ' that vNext cannot hold as independent teams (one per game).',
                       '', '', NULL, '{}'::jsonb, false, now(), now()
                  FROM owners o JOIN accounts_user u ON u.id = o.owner_user_id
                ON CONFLICT DO NOTHING
                RETURNING id, ceo_id),
            staff AS (
                INSERT INTO organizations_org_membership (organization_id, user_id, role, permissions, joined_at)
                SELECT id, ceo_id, 'CEO', '{}'::jsonb, now() FROM created),
            ranking AS (
                INSERT INTO organizations_org_ranking (organization_id, empire_score, global_rank, regional_rank,
                                                       total_trophies, last_calculated)
                SELECT id, 0, NULL, NULL, 0, now() FROM created)
            UPDATE backfill_plan p
               SET organization_id = c.id, organization_created = true
              FROM created c
             WHERE p.needs_organization AND p.skip_reason IS NULL AND p.organization_id IS NULL
               AND p.owner_user_id = c.ceo_id
            """;

    /** Dry run: how many organisations the conflicting owners would get. */
    static final String ORGANIZATIONS_TO_CREATE = """
            SELECT count(DISTINCT p.owner_user_id) FROM backfill_plan p
             WHERE p.needs_organization AND p.skip_reason IS NULL
               AND NOT EXISTS (SELECT 1 FROM organizations_organization o WHERE o.ceo_id = p.owner_user_id)
            """;

    static final String SKIP_WITHOUT_ORGANIZATION = """
            UPDATE backfill_plan SET skip_reason = 'organization_unavailable'
             WHERE needs_organization AND skip_reason IS NULL AND organization_id IS NULL
            """;

    /** Independent unless it went into an organisation; logo URL and tagline become branding. */
    static final String INSERT_TEAMS = """
            INSERT INTO organizations_team (id, name, slug, organization_id, owner_id, game_id, region, status, logo,
                banner, description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                is_temporary, created_at, updated_at, branding)
            SELECT vnext_team_id, name, vnext_slug, organization_id,
                   CASE WHEN organization_id IS NULL THEN owner_user_id END, game_id, region, 'ACTIVE', logo,
                   banner_image, description, '', '', '', false, created_at, now(),
                   jsonb_strip_nulls(jsonb_build_object('logo_url', logo_url, 'tagline', nullif(tagline, '')))
              FROM backfill_plan
             WHERE skip_reason IS NULL
            """;

    /** Every membership whose profile has an account; the owner's is the vNext OWNER. */
    static final String INSERT_MEMBERSHIPS = """
            INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                is_tournament_captain, joined_at, left_at, left_reason)
            SELECT p.vnext_team_id, m.user_id, m.status, CASE WHEN m.user_id = p.owner_user_id THEN 'OWNER' ELSE m.role END,
                   m.roster_slot, m.player_role, m.is_captain, m.joined_at, m.left_at, ''
              FROM backfill_plan p
              JOIN backfill_member m USING (legacy_team_id)
             WHERE p.skip_reason IS NULL AND m.user_id IS NOT NULL
            """;

    /**
     * A legacy ranking becomes a vNext ranking (the report compares their presence): the legacy
     * total is the current, season and all-time CP, the tier follows the vNext thresholds.
     */
    static final String INSERT_RANKINGS = """
            INSERT INTO organizations_ranking (team_id, current_cp, season_cp, all_time_cp, tier, global_rank,
                regional_rank, rank_change_24h, rank_change_7d, is_hot_streak, streak_count, last_activity_date,
                last_decay_applied)
            SELECT p.vnext_team_id, r.final_total, r.final_total, r.final_total,
                   CASE WHEN r.final_total >= 80000 THEN 'CROWN' WHEN r.final_total >= 40000 THEN 'ASCENDANT'
                        WHEN r.final_total >= 15000 THEN 'DIAMOND' WHEN r.final_total >= 5000 THEN 'PLATINUM'
                        WHEN r.final_total >= 1500 THEN 'GOLD' WHEN r.final_total >= 500 THEN 'SILVER'
                        WHEN r.final_total >= 50 THEN 'BRONZE' ELSE 'UNRANKED' END,
                   NULL, NULL, 0, 0, false, 0, r.last_calculated, NULL
              FROM backfill_plan p
             CROSS JOIN LATERAL (SELECT r.final_total, r.last_calculated FROM teams_ranking_breakdown r
                                  WHERE r.team_id = p.legacy_team_id
                                  LIMIT 1) r
             WHERE p.skip_reason IS NULL AND p.has_ranking
            """;

    /** What a reader of the map row should know about how its pair was made. */
    private static final String NOTES = """
            concat_ws('; ', 'backfilled from legacy team ' || p.legacy_team_id,
                      CASE WHEN NOT p.game_known THEN format('legacy game %L is not in the game registry: vNext game_id 0',
                                                             p.legacy_game) END,
                      CASE WHEN NOT p.slug_free THEN format('legacy slug %L taken or empty in vNext: slug %L',
                                                            p.legacy_slug, p.vnext_slug) END,
                      CASE WHEN p.organization_id IS NOT NULL THEN format(
                               'owner %s already had an independent team for game %s: organisation %s',
                               p.owner_user_id, p.game_id, p.organization_id) END,
                      CASE WHEN p.owner_promoted THEN format('no ACTIVE OWNER: user %s is the owner', p.owner_user_id) END,
                      CASE WHEN p.changed_roles IS NOT NULL THEN format('legacy memberships (%s) take their vNext values',
                                                                        p.changed_roles) END,
                      CASE WHEN NOT p.members_round_trip AND p.changed_roles IS NULL
                           THEN 'legacy memberships take the shadow writer''s captain, left_at and permission rules' END,
                      CASE WHEN p.without_user > 0 THEN format('legacy memberships %s have no account: not in vNext',
                                                               p.without_user_ids) END)
            """;

    /** Verified when legacy already is what the shadow writer would write; the others are synced next. */
    static final String INSERT_MAP_ROWS = """
            INSERT INTO organizations_migration_map (legacy_team_id, vnext_team_id, legacy_slug, migration_date,
                migrated_by_id, verified, verification_notes)
            SELECT p.legacy_team_id, p.vnext_team_id, p.vnext_slug, now(), NULL, p.canonical, %s
              FROM backfill_plan p
             WHERE p.skip_reason IS NULL
            """.formatted(NOTES);

    /** Teams whose legacy rows must be written by the shadow writer (their game survives the trip). */
    static final String TO_SYNC = """
            SELECT vnext_team_id FROM backfill_plan
             WHERE skip_reason IS NULL AND NOT canonical AND game_known
             ORDER BY vnext_team_id
            """;

    /** The shadow writer's upsert replaced the notes: put the backfill's in front of its own. */
    /**
     * The notes of the teams the sync brings to their shadows, read before the sync: it takes the
     * shadow writer role for the rest of the transaction, and the batch's temporary tables are the
     * runtime role's.
     */
    static final String NOTES_OF = """
            SELECT p.vnext_team_id, %s AS notes FROM backfill_plan p WHERE p.vnext_team_id = ANY(:ids)
            """.formatted(NOTES);

    /** Then put before what the sync's read-back wrote. */
    static final String PREFIX_NOTES = """
            UPDATE organizations_migration_map m
               SET verification_notes = concat_ws('; ', n.notes, nullif(m.verification_notes, ''))
              FROM unnest(:ids::bigint[], :notes::text[]) AS n(vnext_team_id, notes)
             WHERE m.vnext_team_id = n.vnext_team_id
            """;

    /**
     * The conflicts of the batch, one row each (a team may have several). Returned as rows, and in
     * a run also stored in {@code organizations_backfill_conflict}.
     */
    private static final String CONFLICTS = """
            SELECT p.legacy_team_id, p.vnext_team_id, c.kind, c.detail, c.resolution
              FROM (SELECT * FROM backfill_plan
                     WHERE skip_reason IS NOT NULL OR NOT game_known OR NOT slug_free OR needs_organization
                        OR without_user > 0 OR owner_promoted OR changed_roles IS NOT NULL) p
             CROSS JOIN LATERAL (VALUES
                 (CASE WHEN p.skip_reason = 'no_owner' THEN 'no_owner' END,
                  'no ACTIVE member with an account to own the team', 'skipped'),
                 (CASE WHEN p.skip_reason = 'organization_unavailable' THEN 'organization_unavailable' END,
                  format('owner %s has an independent team for game %s and no organisation could be made',
                         p.owner_user_id, p.game_id), 'skipped'),
                 (CASE WHEN p.skip_reason IS NULL AND NOT p.game_known THEN 'unknown_game' END,
                  format('legacy game %L is not in the game registry', p.legacy_game),
                  'vNext game_id 0 (no game); map row unverified, legacy left as it is'),
                 (CASE WHEN p.skip_reason IS NULL AND NOT p.slug_free THEN 'slug_taken' END,
                  format('legacy slug %L is taken or empty in vNext', p.legacy_slug),
                  format('vNext slug %L, written to the legacy team too', p.vnext_slug)),
                 (CASE WHEN p.skip_reason IS NULL AND p.needs_organization THEN 'owner_has_team_for_game' END,
                  format('owner %s already has an ACTIVE independent team for game %s', p.owner_user_id, p.game_id),
                  CASE WHEN p.organization_id IS NULL THEN 'placed in an organisation of the owner (made by the run)'
                       ELSE format(CASE WHEN p.organization_created THEN 'placed in organisation %s, created for the owner'
                                        ELSE 'placed in organisation %s of the owner' END, p.organization_id) END),
                 (CASE WHEN p.without_user > 0 THEN 'membership_without_user' END,
                  format('legacy memberships %s: profile without an account', p.without_user_ids),
                  'not created in vNext; the legacy rows are left as they are'),
                 (CASE WHEN p.skip_reason IS NULL AND p.owner_promoted THEN 'owner_promoted' END,
                  'no ACTIVE OWNER membership', format('user %s (promoted as Django would) owns the vNext team',
                                                       p.owner_user_id)),
                 (CASE WHEN p.skip_reason IS NULL AND p.changed_roles IS NOT NULL THEN 'legacy_value_without_vnext_value' END,
                  format('legacy memberships with role/status %s have no exact vNext value', p.changed_roles),
                  'nearest vNext value; the shadow writer rewrote the legacy rows to it'))
                 AS c(kind, detail, resolution)
             WHERE c.kind IS NOT NULL
            """;

    static final String SELECT_CONFLICTS = CONFLICTS + " ORDER BY p.legacy_team_id, c.kind";

    static final String STORE_CONFLICTS = """
            INSERT INTO organizations_backfill_conflict (run_id, legacy_team_id, vnext_team_id, kind, detail, resolution)
            SELECT :run, legacy_team_id, vnext_team_id, kind, detail, resolution FROM (%s) conflicts
            RETURNING legacy_team_id, vnext_team_id, kind, detail, resolution
            """.formatted(CONFLICTS);

    /** What the batch did (or, in a dry run, would do), counted from its plan. */
    static final String COUNTS = """
            SELECT count(*) AS teams,
                   max(p.legacy_team_id) AS last_legacy_team_id,
                   count(*) FILTER (WHERE p.skip_reason IS NULL) AS created,
                   coalesce(sum(p.memberships) FILTER (WHERE p.skip_reason IS NULL), 0) AS memberships,
                   count(*) FILTER (WHERE p.skip_reason IS NULL AND p.canonical) AS verified,
                   count(*) FILTER (WHERE p.skip_reason IS NULL AND NOT p.canonical AND p.game_known) AS to_sync,
                   count(*) FILTER (WHERE p.skip_reason = 'no_owner') AS skipped_no_owner,
                   count(*) FILTER (WHERE p.skip_reason = 'organization_unavailable') AS skipped_no_organization,
                   count(*) FILTER (WHERE p.skip_reason IS NULL AND p.has_ranking) AS rankings,
                   count(DISTINCT p.organization_id) FILTER (WHERE p.organization_created) AS organizations
              FROM backfill_plan p
            """;

    private BackfillStatements() {}
}
