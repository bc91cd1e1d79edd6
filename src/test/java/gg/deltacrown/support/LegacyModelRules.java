package gg.deltacrown.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The legacy Django model's own validation rules ({@code Team.clean()}, {@code TeamMembership.clean()}
 * and the field validation {@code full_clean()} runs), checked on the rows of {@code teams_team} and
 * {@code teams_teammembership}: what a legacy form would refuse to save. docs/adr/0015 lists each
 * rule with the code it comes from. Used on every shadow the tests produce.
 */
public final class LegacyModelRules {

    private static final String TEAMS =
            "(SELECT * FROM teams_team WHERE cardinality(?::bigint[]) = 0 OR id = ANY(?::bigint[]))";

    private static final String VIOLATIONS = """
            WITH t AS %1$s,
                 m AS (SELECT m.*, t.game FROM teams_teammembership m JOIN t ON t.id = m.team_id)
            SELECT 'team ' || id || ': tag ''' || tag || ''' is not 2-10 upper-case letters and digits'
              FROM t WHERE tag !~ '^[A-Z0-9]{2,10}$'
            UNION ALL
            SELECT 'team ' || id || ': name ''' || name || ''' is not 3-50 characters'
              FROM t WHERE char_length(regexp_replace(name, '^\\s+|\\s+$', '', 'g')) NOT BETWEEN 3 AND 50
            UNION ALL
            SELECT 'team ' || id || ': slug ''' || slug || ''' is not a slug'
              FROM t WHERE slug !~ '^[-a-zA-Z0-9_]*$'
            UNION ALL
            SELECT 'team ' || id || ': hero_template ''' || hero_template || ''' is not a choice'
              FROM t WHERE hero_template NOT IN ('default', 'centered', 'split', 'minimal', 'championship')
            UNION ALL
            SELECT 'membership ' || id || ': role ''' || role || ''' is not a choice'
              FROM m WHERE role NOT IN ('OWNER', 'GENERAL_MANAGER', 'TEAM_MANAGER', 'HEAD_COACH', 'ASSISTANT_COACH',
                                        'PERFORMANCE_COACH', 'ANALYST', 'STRATEGIST', 'DATA_ANALYST', 'PLAYER',
                                        'SUBSTITUTE', 'CONTENT_CREATOR', 'SOCIAL_MEDIA_MANAGER', 'COMMUNITY_MANAGER',
                                        'MANAGER', 'COACH', 'CAPTAIN', 'SUB')
            UNION ALL
            SELECT 'membership ' || id || ': status ''' || status || ''' is not a choice'
              FROM m WHERE status NOT IN ('ACTIVE', 'PENDING', 'REMOVED')
            UNION ALL
            SELECT 'membership ' || id || ': roster_slot ''' || roster_slot || ''' is not a choice'
              FROM m WHERE roster_slot NOT IN ('STARTER', 'SUBSTITUTE', 'COACH', 'ANALYST')
            UNION ALL
            SELECT 'membership ' || id || ': ' || role || ' membership must be ACTIVE, is ' || status
              FROM m WHERE role IN ('OWNER', 'CAPTAIN') AND status <> 'ACTIVE'
            UNION ALL
            SELECT 'membership ' || id || ': captain title on a ' || role
              FROM m WHERE is_captain AND role NOT IN ('OWNER', 'MANAGER', 'PLAYER', 'SUBSTITUTE')
            UNION ALL
            SELECT 'membership ' || m.id || ': profile ' || m.profile_id || ' already has an active team for '''
                   || m.game || ''' (team ' || o.team_id || ')'
              FROM m
              JOIN teams_teammembership o ON o.profile_id = m.profile_id AND o.team_id <> m.team_id
                                         AND o.status = 'ACTIVE'
              JOIN teams_team ot ON ot.id = o.team_id AND ot.game = m.game
             WHERE m.status = 'ACTIVE' AND m.game <> ''
             ORDER BY 1
            """.formatted(TEAMS);

    private LegacyModelRules() {}

    /** What the legacy model would refuse in these legacy teams and their memberships; all teams when none given. */
    public static List<String> violations(JdbcTemplate jdbc, Long... legacyTeamIds) {
        return jdbc.queryForList(VIOLATIONS, String.class, legacyTeamIds, legacyTeamIds);
    }
}
