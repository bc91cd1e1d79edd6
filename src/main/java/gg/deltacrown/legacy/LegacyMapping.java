package gg.deltacrown.legacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How vNext values become legacy values (docs/adr/0015-legacy-shadow-mapping.md: without the
 * original's lossy role map and its untranslated status). The validation report checks shadows against the same map.
 */
public final class LegacyMapping {

    /** vNext membership role to legacy role (in a fixed order). */
    public static final Map<String, String> ROLES = ordered(
            "OWNER", "OWNER",
            "MANAGER", "MANAGER",
            "COACH", "HEAD_COACH",
            "PLAYER", "PLAYER",
            "SUBSTITUTE", "SUBSTITUTE",
            "ANALYST", "ANALYST",
            "SCOUT", "ANALYST");

    /** vNext membership status to legacy status ({@code ACTIVE}, {@code PENDING}, {@code REMOVED}). */
    public static final Map<String, String> STATUSES = ordered(
            "ACTIVE", "ACTIVE",
            "INVITED", "PENDING",
            "INACTIVE", "REMOVED",
            "SUSPENDED", "REMOVED");

    /** {@code teams_team.name varchar(100)}. */
    static final int NAME_MAX = 100;
    /** {@code Team.clean()}: a name has 3 to 50 characters (vNext names have too; see docs/adr/0015). */
    static final int NAME_RULE_MAX = 50;
    /** {@code Team.clean()}: a tag has 2 to 10 upper-case letters and digits. */
    static final int TAG_MIN = 2;

    static final int TAG_MAX = 10;
    static final int SLUG_MAX = 64;
    static final int REGION_MAX = 48;
    static final int LOGO_URL_MAX = 500;
    static final int PLAYER_ROLE_MAX = 50;

    /** The legacy role of a vNext role the map does not know. */
    static final String DEFAULT_ROLE = "PLAYER";

    /** The legacy status of a vNext status the map does not know. */
    static final String DEFAULT_STATUS = "REMOVED";

    /** {@code TeamMembership.clean()}: these roles only on an ACTIVE membership. */
    static final Set<String> ACTIVE_ONLY_ROLES = Set.of("OWNER", "CAPTAIN");

    /** {@code TeamMembership.clean()}: the captain title only for these roles. */
    static final Set<String> CAPTAIN_ROLES = Set.of("OWNER", "MANAGER", "PLAYER", "SUBSTITUTE");

    private LegacyMapping() {}

    public static String role(String vnextRole) {
        return ROLES.getOrDefault(vnextRole, DEFAULT_ROLE);
    }

    public static String status(String vnextStatus) {
        return STATUSES.getOrDefault(vnextStatus, DEFAULT_STATUS);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The first {@code max} characters, counted as PostgreSQL's {@code varchar(max)} counts them
     * (code points): cutting UTF-16 units would shorten values that fit and could split a pair.
     */
    static String truncate(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
