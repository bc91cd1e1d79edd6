package gg.deltacrown.support;

import gg.deltacrown.database.DatabaseUrl;
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
        properties.put("spring.datasource.url", url.jdbcUrl());
        properties.put("spring.datasource.username", url.username());
        if (url.password() != null) {
            properties.put("spring.datasource.password", url.password());
        }
        try {
            properties.put("deltacrown.data-dir", Files.createTempDirectory("deltacrown-test").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }

}
