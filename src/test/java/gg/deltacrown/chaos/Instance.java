package gg.deltacrown.chaos;

import gg.deltacrown.support.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the service instances of a chaos run: a {@code serve} process on a fixed port, killed with
 * SIGKILL and started again at once on the same port. Its start-up time is measured from the
 * process start to the first {@code 200} of {@code /health/}.
 */
final class Instance {

    enum State {
        STARTING,
        SERVING
    }

    final int slot;
    final int port;
    private final Map<String, String> environment;
    private final Path logs;
    private ServiceProcess process;
    private volatile State state = State.STARTING;
    private long startedAt;
    private int incarnation;
    private final List<Long> startupMillis = new ArrayList<>();
    private int unexpectedExits;

    private volatile String classpath = ServiceProcess.classpath();
    private volatile List<String> jvmOptions;

    Instance(int slot, int port, List<String> jvmOptions, Map<String, String> environment, Path logs) {
        this.slot = slot;
        this.jvmOptions = jvmOptions;
        this.port = port;
        this.environment = environment;
        this.logs = logs;
    }

    synchronized void start() {
        incarnation++;
        process = ServiceProcess.start(classpath, jvmOptions, environment, "serve");
        startedAt = System.nanoTime();
        state = State.STARTING;
    }

    /** SIGKILL, then a new process at once. Returns whether the killed one was serving. */
    synchronized boolean killAndRestart() {
        boolean wasServing = state == State.SERVING;
        process.kill();
        // Every incarnation's log is kept: a violation the checker finds is traced through them.
        keepOutput("killed-" + incarnation);
        start();
        return wasServing;
    }

    /** For the next starts. */
    void runWith(String classpath, List<String> jvmOptions) {
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
    }

    boolean serving() {
        return state == State.SERVING;
    }

    /** Called by the run's monitor: notices the end of a start-up, and a process that died by itself. */
    synchronized void poll(HttpClient http) {
        if (!process.isAlive()) {
            unexpectedExits++;
            keepOutput("exited-" + incarnation);
            start();
            return;
        }
        if (state == State.STARTING && healthy(http)) {
            state = State.SERVING;
            startupMillis.add((System.nanoTime() - startedAt) / 1_000_000);
        }
    }

    synchronized List<Long> startupMillis() {
        return List.copyOf(startupMillis);
    }

    synchronized int unexpectedExits() {
        return unexpectedExits;
    }

    synchronized String output() {
        return process.output();
    }

    /** SIGTERM (SIGKILL after a minute); the last output is kept. */
    synchronized void stop() {
        stop("last");
    }

    synchronized void stop(String name) {
        stop(name, Duration.ofSeconds(60));
    }

    /** SIGTERM and up to {@code deadline} for the exit (a JVM writing its AOT cache takes a while). */
    synchronized void stop(String name, Duration deadline) {
        if (process == null || !Files.exists(process.outputFile())) {
            return;
        }
        try {
            process.stop(deadline);
        } catch (AssertionError e) {
            process.kill();
            throw new IllegalStateException("instance " + slot + " did not exit within " + deadline + "; killed", e);
        } finally {
            keepOutput(name);
        }
    }

    private boolean healthy(HttpClient http) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/"))
                                            .timeout(Duration.ofSeconds(2))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void keepOutput(String suffix) {
        try {
            Files.createDirectories(logs);
            Files.move(
                    process.outputFile(),
                    logs.resolve("instance-" + slot + "-" + suffix + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
