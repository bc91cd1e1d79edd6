package gg.deltacrown.support;

import gg.deltacrown.DeltacrownApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring + real PostgreSQL test: the whole service on a random port, against a database of its
 * own on the test server, with every table emptied before each test.
 *
 * <p>API throttling is off: every test class sharing this context logs in from 127.0.0.1 and user
 * ids restart with each test, so shared budgets would make unrelated tests fail with 429.
 * The login throttles are off for the same reason. {@code ThrottleIntegrationTests} sets its own
 * limits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = DeltacrownApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "deltacrown.mode=serve",
            "deltacrown.accounts.password-iterations=1000",
            "spring.datasource.hikari.maximum-pool-size=10",
            "deltacrown.api.throttle-anon=off",
            "deltacrown.api.throttle-user=off",
            "deltacrown.web.login-throttle-username=off",
            "deltacrown.web.login-throttle-ip=off",
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(VnextWrites.class)
@ExtendWith(CleanDatabaseExtension.class)
public @interface IntegrationTest {}
