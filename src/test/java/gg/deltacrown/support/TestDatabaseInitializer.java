package gg.deltacrown.support;

import gg.deltacrown.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test application context at a fresh database of its own on the test server. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        DatabaseUrl url = TestDatabase.instance().newDatabase("ctx");
        Map<String, Object> properties = new HashMap<>();
        // Migrations run as the database owner; the service runs as a plain role with grants.
        properties.put("spring.flyway.url", url.jdbcUrl());
        properties.put("spring.flyway.user", url.username());
        if (url.password() != null) {
            properties.put("spring.flyway.password", url.password());
        }
        properties.put("spring.flyway.locations", "classpath:db/migration,classpath:db/test-grants");
        properties.put("spring.datasource.url", url.jdbcUrl());
        properties.put("spring.datasource.username", TestDatabase.APP_ROLE);
        properties.put("spring.datasource.password", TestDatabase.APP_ROLE);
        try {
            properties.put(
                    "deltacrown.data-dir",
                    Files.createTempDirectory("deltacrown-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }
}
