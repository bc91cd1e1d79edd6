package gg.deltacrown.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code serve} stops on Ctrl-C or SIGTERM, whenever it comes: the application context (also
 * one still starting: closing waits for its refresh), then the embedded PostgreSQL this process
 * started, even when the signal arrived while the server itself was starting. One JVM shutdown
 * hook, registered before anything is started, so nothing is left behind.
 */
final class ServeShutdown {

    /** How long the hook waits for a PostgreSQL that is starting, to stop it once it runs. */
    private static final long DATABASE_START_WAIT_SECONDS = 90;

    private final CountDownLatch databaseResolved = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<DatabaseTarget> database = new AtomicReference<>();
    private final AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
    private volatile boolean stopping;

    static ServeShutdown install() {
        ServeShutdown shutdown = new ServeShutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::stop, "deltacrown-shutdown"));
        return shutdown;
    }

    /** Resolves (attaches to, or starts) the database; the hook stops it from now on. */
    DatabaseTarget database(Settings settings) {
        try {
            DatabaseTarget target = DatabaseTarget.resolve(settings, settings.databaseStartupWait(), this::stopping);
            database.set(target);
            return target;
        } finally {
            databaseResolved.countDown();
        }
    }

    void contextCreated(ConfigurableApplicationContext created) {
        context.set(created);
    }

    boolean stopping() {
        return stopping;
    }

    /** Blocks until the shutdown hook has stopped everything (the serve command's main thread waits here). */
    void awaitStopped() throws InterruptedException {
        done.await();
    }

    private void stop() {
        stopping = true;
        try {
            databaseResolved.await(DATABASE_START_WAIT_SECONDS, TimeUnit.SECONDS);
            ConfigurableApplicationContext started = context.get();
            if (started != null) {
                started.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("deltacrown: the service did not stop cleanly: " + DatabaseTarget.rootMessage(e));
        } finally {
            DatabaseTarget target = database.get();
            if (target != null) {
                target.close();
            }
            done.countDown();
        }
    }
}
