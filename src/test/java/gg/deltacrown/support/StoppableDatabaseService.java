package gg.deltacrown.support;

import gg.deltacrown.DeltacrownApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service with its production defaults (login throttles on, forwarded headers trusted as
 * behind a proxy) on a separately running PostgreSQL 15 that a test may stop and start again.
 * Started once per test JVM for the classes that need it, and stopped when the JVM exits; every
 * class leaves the database running.
 *
 * <p>Three differences from production: PBKDF2 runs 50,000 iterations (timings stay measurable
 * without spending the run on hashing), the API's request throttles are off (every test calls
 * from 127.0.0.1), and the per-address login budget refills per hour, not per minute (20 failures
 * on a loaded machine can take longer than the three seconds one token takes to come back).
 */
public final class StoppableDatabaseService {

    public static final int PASSWORD_ITERATIONS = 50_000;

    private static StoppableDatabaseService instance;

    private final Postgres15 postgres;
    private final ConfigurableApplicationContext context;

    private StoppableDatabaseService(Postgres15 postgres, ConfigurableApplicationContext context) {
        this.postgres = postgres;
        this.context = context;
    }

    public static synchronized StoppableDatabaseService instance() {
        if (instance == null) {
            Postgres15 postgres = Postgres15.start();
            try {
                ConfigurableApplicationContext context = new SpringApplicationBuilder(DeltacrownApplication.class)
                        .run(
                                "--server.port=0",
                                "--deltacrown.mode=serve",
                                "--deltacrown.outbox.workers=0",
                                "--deltacrown.data-dir=" + Files.createTempDirectory("deltacrown-stoppable"),
                                "--deltacrown.accounts.password-iterations=" + PASSWORD_ITERATIONS,
                                "--deltacrown.api.throttle-anon=off",
                                "--deltacrown.api.throttle-user=off",
                                "--deltacrown.web.login-throttle-ip=20/hour",
                                "--server.forward-headers-strategy=native",
                                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres",
                                "--spring.datasource.username=postgres");
                instance = new StoppableDatabaseService(postgres, context);
            } catch (IOException e) {
                postgres.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.context.close();
                instance.postgres.close();
            }));
        }
        return instance;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Postgres15 postgres() {
        return postgres;
    }
}
