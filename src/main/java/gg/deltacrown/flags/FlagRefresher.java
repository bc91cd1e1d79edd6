package gg.deltacrown.flags;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link Flags} current on this instance: it LISTENs on {@code deltacrown_flags} (a trigger
 * notifies on every change, including raw SQL) and also re-reads the flags at least once a second,
 * so a lost notification or connection delays a change by one poll at most.
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class FlagRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlagRefresher.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Flags flags;
    private final DataSource dataSource;
    private volatile boolean running;
    private Thread thread;

    FlagRefresher(Flags flags, DataSource dataSource) {
        this.flags = flags;
        this.dataSource = dataSource;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "flag-refresher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN deltacrown_flags");
                }
                // A change committed between start-up's load (or the lost connection) and this LISTEN
                // sent its notification to nobody: read once now, not only after the first poll.
                flags.refresh();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    pg.getNotifications((int) POLL.toMillis());
                    flags.refresh();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.atWarn()
                        .addKeyValue("event_type", "flag_refresh_failed")
                        .addKeyValue("exception_type", e.getClass().getSimpleName())
                        .log("Flag refresh failed; retrying in {} ms", POLL.toMillis());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
