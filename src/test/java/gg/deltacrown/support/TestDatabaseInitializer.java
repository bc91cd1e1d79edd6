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
        // Migrations and the service's grants (gg.deltacrown.database.DatabaseGrants) run as the
        // database owner; the service runs as a plain role with those grants, as in production.
        properties.put("spring.flyway.url", url.jdbcUrl());
        properties.put("spring.flyway.user", url.username());
        if (url.password() != null) {
            properties.put("spring.flyway.password", url.password());
        }
        // Tests create accounts through the service, as the embedded default does.
        properties.put("deltacrown.database.accounts-managed-here", true);
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
