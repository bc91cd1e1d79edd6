package gg.deltacrown.support;

import gg.deltacrown.accounts.Profiles;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profiles for accounts a test inserted with its own SQL, written by the service's one profile
 * writer ({@link Profiles}), so every test profile is the row Django would have made.
 */
public final class ProfileRows {

    private ProfileRows() {}

    /**
     * @param source a query with {@code user_id}, {@code display_name} and {@code created_at}
     * @return the number of profiles added
     */
    public static int insert(DataSource dataSource, String source) {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Integer added =
                transactions.execute(status -> new Profiles(JdbcClient.create(dataSource)).insert(source, Map.of()));
        return added == null ? 0 : added;
    }

    /** Profiles for the accounts whose username matches {@code pattern} (LIKE) and have none yet. */
    public static int forUsernames(DataSource dataSource, String pattern) {
        return insert(dataSource, """
                SELECT u.id AS user_id, left(u.username, 80) AS display_name, u.date_joined AS created_at
                  FROM accounts_user u
                 WHERE u.username LIKE '%s'
                   AND NOT EXISTS (SELECT 1 FROM user_profile_userprofile p WHERE p.user_id = u.id)
                """.formatted(pattern.replace("'", "''")));
    }
}
