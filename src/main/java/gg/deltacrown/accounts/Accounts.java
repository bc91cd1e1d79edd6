package gg.deltacrown.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's accounts ({@code accounts_user} and their {@code user_profile_userprofile} row,
 * written by {@link Profiles}).
 * Django owns these tables on a real DeltaCrown database; here we read them, and create accounts
 * for the embedded default and for operators.
 */
@Repository
public class Accounts {

    private static final String SELECT = """
            SELECT u.id, u.username, u.email, u.password, u.is_staff, u.is_superuser, u.is_active,
                   p.id AS profile_id
              FROM accounts_user u
              LEFT JOIN user_profile_userprofile p ON p.user_id = u.id
            """;

    private static final String INSERT_USER = """
            INSERT INTO accounts_user (password, last_login, is_superuser, username, first_name, last_name,
                                       email, is_staff, is_active, date_joined, is_verified, email_verified_at)
            VALUES (:password, NULL, :staff, :username, '', '', :email, :staff, true, now(), false, NULL)
            RETURNING id
            """;

    /** The new account's profile: Django's signal names it after the username. */
    private static final String NEW_PROFILE =
            "SELECT :userId AS user_id, :displayName AS display_name, now() AS created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Profiles profiles;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, Profiles profiles) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.profiles = profiles;
    }

    public Optional<Account> byId(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id")
                .param("id", id)
                .query(Accounts::map)
                .optional();
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql(SELECT + " WHERE u.username = :username")
                .param("username", username)
                .query(Accounts::map)
                .optional();
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql(SELECT + " WHERE lower(u.email) = lower(:email)")
                .param("email", email)
                .query(Accounts::map)
                .optional();
    }

    /**
     * Finds a user the way the add-member endpoint does: an all-digit lookup is tried as
     * an id first; then as a username; then as an email.
     */
    public Optional<Account> lookup(String userLookup) {
        String value = userLookup == null ? "" : userLookup.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(Character::isDigit) && value.length() < 19) {
            Optional<Account> byId = byId(Long.parseLong(value));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return byUsername(value).or(() -> byEmail(value));
    }

    /**
     * Creates the account and its profile row in one transaction.
     *
     * @throws UnsupportedProfileTableException before writing anything, when the profile table has
     *     a required column this service cannot fill
     */
    @Transactional
    public Account create(NewAccount account) {
        profiles.checkTable();
        long id;
        try {
            id = jdbc.sql(INSERT_USER)
                    .param("password", passwords.encode(account.password()))
                    .param("staff", account.staff())
                    .param("username", account.username())
                    .param("email", account.email())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new AccountAlreadyExistsException("an account with username '" + account.username() + "' or email '"
                    + account.email() + "' already exists");
        }
        profiles.insert(NEW_PROFILE, Map.of("userId", id, "displayName", truncate(account.username(), 80)));
        return byId(id).orElseThrow();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("password"),
                rs.getBoolean("is_staff"),
                rs.getBoolean("is_superuser"),
                rs.getBoolean("is_active"),
                rs.getObject("profile_id", Long.class));
    }
}
