package gg.deltacrown.validation;

import gg.deltacrown.legacy.LegacyMapping;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a legacy membership shadow must look like for a vNext membership: the one place that says
 * how vNext roles and statuses translate to {@code teams_teammembership}, as SQL for the report,
 * from the shadow writer's own {@link LegacyMapping}. The original mapped COACH, ANALYST and SCOUT to PLAYER and never
 * translated status (docs/adr/0015); this is the corrected mapping.
 */
public final class LegacyExpectations {

    /** vNext {@code organizations_membership.role} to legacy {@code teams_teammembership.role}. */
    public static final Map<String, String> ROLES = LegacyMapping.ROLES;

    /** vNext {@code organizations_membership.status} to legacy {@code teams_teammembership.status}. */
    public static final Map<String, String> STATUSES = LegacyMapping.STATUSES;

    private LegacyExpectations() {}

    public static String legacyRole(String vnextRole) {
        return ROLES.get(vnextRole);
    }

    public static String legacyStatus(String vnextStatus) {
        return STATUSES.get(vnextStatus);
    }

    /** {@code CASE <column> WHEN 'OWNER' THEN 'OWNER' … END}: the role mapping as SQL (NULL when unknown). */
    public static String legacyRoleSql(String column) {
        return caseOf(column, ROLES);
    }

    /**
     * The role a shadow has given the vNext role and status: the mapping, except that a legacy
     * membership may be OWNER only when ACTIVE (a non-ACTIVE vNext owner's shadow is a PLAYER).
     */
    public static String legacyRoleSql(String roleColumn, String statusColumn) {
        return "CASE WHEN " + legacyStatusSql(statusColumn) + " IS DISTINCT FROM 'ACTIVE' AND " + roleColumn
                + " = 'OWNER' THEN 'PLAYER' ELSE " + legacyRoleSql(roleColumn) + " END";
    }

    /** The status mapping as SQL (NULL when unknown). */
    public static String legacyStatusSql(String column) {
        return caseOf(column, STATUSES);
    }

    private static String caseOf(String column, Map<String, String> mapping) {
        return mapping.entrySet().stream()
                .map(entry -> "WHEN '" + entry.getKey() + "' THEN '" + entry.getValue() + "'")
                .collect(Collectors.joining(" ", "CASE " + column + " ", " END"));
    }
}
