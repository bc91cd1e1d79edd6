package gg.deltacrown.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new {@code user_profile_userprofile} row holds, column by column, as Django makes it: the
 * defaults of the user {@code post_save} signal that creates every profile, the model's
 * {@code save()} (a unique slug from the display name) and its public id scheme
 * ({@code DC-YY-NNNNNN} from {@code user_profile_publicidcounter}). Each value is SQL over the
 * source row {@code s} ({@code user_id}, {@code display_name}, {@code slug_base},
 * {@code created_at}, {@code n}: its number in the batch).
 */
final class ProfileColumns {

    /** Django's {@code slugify}: NFKD, ASCII only, lower case, word characters and single hyphens. */
    static final String SLUGIFY = """
            trim(BOTH '-_' FROM regexp_replace(regexp_replace(lower(regexp_replace(normalize(%s, NFKD),
                 '[^\\x01-\\x7f]', '', 'g')), '[^a-z0-9_\\s-]', '', 'g'), '[-\\s]+', '-', 'g'))""";

    /** The model's {@code save()}: the slug base if free, else the first free {@code base-1}, {@code base-2}… */
    private static final String SLUG = """
            CASE WHEN NOT EXISTS (SELECT 1 FROM user_profile_userprofile p WHERE p.slug = s.slug_base) THEN s.slug_base
                 ELSE (SELECT s.slug_base || '-' || k FROM generate_series(1, 100000) k
                        WHERE NOT EXISTS (SELECT 1 FROM user_profile_userprofile p WHERE p.slug = s.slug_base || '-' || k)
                        ORDER BY k LIMIT 1) END""";

    /** The ids reserved in the counter, in batch order; NULL past 999999, as Django leaves it then. */
    private static final String PUBLIC_ID = """
            CASE WHEN :firstPublicId + s.n - 1 <= :lastPublicId
                 THEN format('DC-%s-%s', lpad(:publicIdYear::text, 2, '0'), lpad((:firstPublicId + s.n - 1)::text, 6, '0'))
            END""";

    /** Every column Django's profile model has, in its order. */
    static final Map<String, String> VALUES = ordered(
            "user_id", "s.user_id",
            "uuid", "gen_random_uuid()",
            "public_id", PUBLIC_ID,
            "real_full_name", "''",
            "date_of_birth", "NULL",
            "nationality", "''",
            "kyc_status", "'unverified'",
            "kyc_verified_at", "NULL",
            "display_name", "s.display_name",
            "slug", SLUG,
            "avatar", "''",
            "banner", "''",
            "bio", "''",
            "about_bio", "''",
            "country", "''",
            "region", "'BD'",
            "city", "''",
            "postal_code", "''",
            "address", "''",
            "gender", "''",
            "pronouns", "''",
            "phone", "''",
            "whatsapp", "''",
            "secondary_email", "''",
            "secondary_email_verified", "false",
            "preferred_contact_method", "''",
            "emergency_contact_name", "''",
            "emergency_contact_phone", "''",
            "emergency_contact_relation", "''",
            "reputation_score", "100",
            "skill_rating", "1000",
            "level", "1",
            "xp", "0",
            "pinned_badges", "'[]'::jsonb",
            "inventory_items", "'[]'::jsonb",
            "deltacoin_balance", "0",
            "lifetime_earnings", "0",
            "stream_status", "false",
            "profile_story", "''",
            "competitive_goal", "''",
            "primary_team_id", "NULL",
            "primary_game_id", "NULL",
            "preferred_games", "'[]'::jsonb",
            "game_profiles", "'[]'::jsonb",
            "preferred_language", "'en'",
            "timezone_pref", "'Asia/Dhaka'",
            "time_format", "'12h'",
            "theme_preference", "'dark'",
            "device_platform", "''",
            "play_style", "''",
            "lan_availability", "false",
            "main_role", "''",
            "secondary_role", "''",
            "lft_status", "'NOT_LOOKING'",
            "communication_languages", "'[]'::jsonb",
            "active_hours", "''",
            "attributes", "'{}'::jsonb",
            "system_settings", "'{}'::jsonb",
            "created_at", "s.created_at",
            "updated_at", "s.created_at");

    private ProfileColumns() {}

    /** A column of the profile table as it is; {@code required}: NOT NULL, no default, not generated. */
    record Column(String name, boolean required) {}

    /** The required columns of the table that no value is known for (empty: the table can be filled). */
    static List<String> unknownRequired(List<Column> table) {
        return table.stream()
                .filter(Column::required)
                .map(Column::name)
                .filter(name -> !VALUES.containsKey(name))
                .toList();
    }

    /** The columns of the table this service fills, in the table's order. */
    static List<String> filled(List<Column> table) {
        return table.stream().map(Column::name).filter(VALUES::containsKey).toList();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
