package gg.deltacrown.support;

import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database owner of a test context (Flyway's login), for what the service's plain role may not
 * do: DDL, TRUNCATE of every table, revoking the service's privileges.
 */
public final class DatabaseOwner {

    private DatabaseOwner() {}

    public static DataSource dataSource(Environment environment, DataSource service) {
        String url = environment.getProperty("spring.flyway.url");
        if (url == null) {
            return service;
        }
        return new DriverManagerDataSource(
                url,
                environment.getProperty("spring.flyway.user"),
                environment.getProperty("spring.flyway.password", ""));
    }

    public static JdbcTemplate jdbc(Environment environment, DataSource service) {
        return new JdbcTemplate(dataSource(environment, service));
    }
}
