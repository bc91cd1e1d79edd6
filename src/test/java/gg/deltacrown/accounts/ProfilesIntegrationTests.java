package gg.deltacrown.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.database.DatabaseUrl;
import gg.deltacrown.support.DjangoDatabase;
import gg.deltacrown.support.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new account's profile is the row Django's model makes (the user post_save signal's defaults,
 * the model's unique slug, the public id from the year's counter), on Django's full profile table
 * and on a smaller one; a table with a required column nobody here can fill is refused before
 * anything is written.
 */
class ProfilesIntegrationTests {

    /** What Django's signal puts in a new profile (the first INSERT of each profile in the fixture's seed). */
    static final Map<String, Object> SIGNAL_DEFAULTS = defaults();

    @Test
    void fillsEveryColumnOfDjangosProfileAsTheSignalAndTheModelWould() {
        DataSource django = dataSource(DjangoDatabase.create("profiles"));
        Accounts accounts = accounts(django);
        JdbcTemplate jdbc = new JdbcTemplate(django);
        int year =
                jdbc.queryForObject("SELECT extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100", Integer.class);
        int counter = jdbc.queryForObject(
                "SELECT coalesce(max(counter), 0) FROM user_profile_publicidcounter WHERE year = ?",
                Integer.class,
                year);

        Account created =
                inTransaction(django, () -> accounts.create(new NewAccount("Arafat", "a2@x.gg", "pw-12345", false)));

        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM user_profile_userprofile WHERE user_id = ?", created.id());
        SIGNAL_DEFAULTS.forEach((column, value) ->
                assertThat(String.valueOf(row.get(column))).as(column).isEqualTo(String.valueOf(value)));
        assertThat(row)
                .containsEntry("display_name", "Arafat")
                .containsEntry("slug", "arafat-1")
                .containsEntry("public_id", "DC-%02d-%06d".formatted(year, counter + 1))
                .containsEntry("primary_team_id", null)
                .containsEntry("date_of_birth", null);
        assertThat(row.get("uuid")).isNotNull();
        assertThat(row.get("created_at")).isEqualTo(row.get("updated_at"));
        assertThat(created.profileId()).isEqualTo(row.get("id"));

        Account second =
                inTransaction(django, () -> accounts.create(new NewAccount("arafat.", "a3@x.gg", "pw-12345", false)));
        assertThat(jdbc.queryForMap(
                        "SELECT slug, public_id FROM user_profile_userprofile WHERE user_id = ?", second.id()))
                .as("the seed's arafat has slug arafat: Django's save() counts on from -1")
                .containsEntry("slug", "arafat-2")
                .containsEntry("public_id", "DC-%02d-%06d".formatted(year, counter + 2));
        assertThat(jdbc.queryForObject(
                        "SELECT counter FROM user_profile_publicidcounter WHERE year = ?", Integer.class, year))
                .isEqualTo(counter + 2);
    }

    @Test
    void fillsTheColumnsASmallerProfileTableHas() {
        DataSource small = dataSource(TestDatabase.instance().newDatabase("profiles_first_v1"));
        Flyway.configure()
                .dataSource(small)
                .locations("classpath:db/previous-v1")
                .load()
                .migrate();

        Account created = inTransaction(
                small, () -> accounts(small).create(new NewAccount("testuser", "t@example.com", "pw-12345", false)));

        assertThat(new JdbcTemplate(small)
                        .queryForMap(
                                "SELECT user_id, display_name FROM user_profile_userprofile WHERE id = ?",
                                created.profileId()))
                .containsEntry("user_id", created.id())
                .containsEntry("display_name", "testuser");
    }

    @Test
    void refusesAProfileTableWithARequiredColumnItCannotFillBeforeWritingAnything() {
        DataSource django = dataSource(DjangoDatabase.create("profiles_unknown_column"));
        JdbcTemplate jdbc = new JdbcTemplate(django);
        jdbc.execute("ALTER TABLE user_profile_userprofile ADD COLUMN steam_id varchar(40) NOT NULL DEFAULT ''");
        jdbc.execute("ALTER TABLE user_profile_userprofile ALTER COLUMN steam_id DROP DEFAULT");
        jdbc.execute("ALTER TABLE user_profile_userprofile ADD COLUMN discord_tag varchar(40) NOT NULL DEFAULT ''");
        jdbc.execute("ALTER TABLE user_profile_userprofile ALTER COLUMN discord_tag DROP DEFAULT");
        Accounts accounts = accounts(django);

        assertThatThrownBy(() -> inTransaction(
                        django, () -> accounts.create(new NewAccount("rumana", "r@x.gg", "pw-12345", false))))
                .isInstanceOf(UnsupportedProfileTableException.class)
                .hasMessage("user_profile_userprofile has NOT NULL column(s) without a default that this service does"
                        + " not know how to fill: steam_id, discord_tag; nothing was created. Create the account"
                        + " with Django (python manage.py createsuperuser), or give those columns a database"
                        + " default");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts_user", Long.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_profile_userprofile", Long.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT sum(counter) FROM user_profile_publicidcounter", Long.class))
                .isEqualTo(3);
    }

    private static Accounts accounts(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new Accounts(jdbc, new DjangoPasswordHasher(1000), new Profiles(jdbc));
    }

    private static <T> T inTransaction(DataSource dataSource, java.util.function.Supplier<T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> work.get());
    }

    private static DataSource dataSource(DatabaseUrl url) {
        return new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password() == null ? "" : url.password());
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String empty : new String[] {
            "real_full_name",
            "nationality",
            "avatar",
            "banner",
            "bio",
            "about_bio",
            "country",
            "city",
            "postal_code",
            "address",
            "gender",
            "pronouns",
            "phone",
            "whatsapp",
            "secondary_email",
            "preferred_contact_method",
            "emergency_contact_name",
            "emergency_contact_phone",
            "emergency_contact_relation",
            "profile_story",
            "competitive_goal",
            "device_platform",
            "play_style",
            "main_role",
            "secondary_role",
            "active_hours"
        }) {
            values.put(empty, "");
        }
        values.put("kyc_status", "unverified");
        values.put("kyc_verified_at", null);
        values.put("region", "BD");
        values.put("secondary_email_verified", false);
        values.put("reputation_score", 100);
        values.put("skill_rating", 1000);
        values.put("level", 1);
        values.put("xp", 0);
        values.put("pinned_badges", "[]");
        values.put("inventory_items", "[]");
        values.put("deltacoin_balance", "0.00");
        values.put("lifetime_earnings", "0.00");
        values.put("stream_status", false);
        values.put("primary_game_id", null);
        values.put("preferred_games", "[]");
        values.put("game_profiles", "[]");
        values.put("preferred_language", "en");
        values.put("timezone_pref", "Asia/Dhaka");
        values.put("time_format", "12h");
        values.put("theme_preference", "dark");
        values.put("lan_availability", false);
        values.put("lft_status", "NOT_LOOKING");
        values.put("communication_languages", "[]");
        values.put("attributes", "{}");
        values.put("system_settings", "{}");
        return values;
    }
}
