package gg.deltacrown.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The launcher's main class run as a separate JVM with the test classpath: what an operator runs,
 * with a real process boundary (signals, exit codes, stdout and stderr, orphaned children).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ServiceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static ServiceProcess start(Map<String, String> environment, String... arguments) {
        return start(List.of(), environment, arguments);
    }

    /** With JVM options of its own (after the default {@code -Xmx512m}). */
    public static ServiceProcess start(List<String> jvmOptions, Map<String, String> environment, String... arguments) {
        return start(classpath(), jvmOptions, environment, arguments);
    }

    /** With a class path of its own (e.g. the test class path as jars, which a JDK class cache needs). */
    public static ServiceProcess start(
            String classpath, List<String> jvmOptions, Map<String, String> environment, String... arguments) {
        try {
            Path output = Files.createTempFile("deltacrown-process", ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx512m");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add("gg.deltacrown.cli.Main");
            command.addAll(List.of(arguments));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("TEAM_")
                            || name.equals("DATABASE_URL")
                            || name.equals("PORT")
                            || name.equals("LOG_FORMAT"));
            builder.environment().putAll(environment);
            return new ServiceProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion and returns its exit code and output. */
    public static Result run(Map<String, String> environment, Duration deadline, String... arguments) {
        try (ServiceProcess process = start(environment, arguments)) {
            int code = process.awaitExit(deadline);
            return new Result(code, process.output());
        }
    }

    public record Result(int exitCode, String output) {}

    /**
     * Runs a command to completion with stdout and stderr kept apart, as a shell redirection
     * ({@code > report.json}) sees them; {@code stdin} is empty, as in a pipeline or a CI job.
     */
    public static Streams runSeparately(Map<String, String> environment, Duration deadline, String... arguments) {
        try {
            Path stdout = Files.createTempFile("deltacrown-stdout", ".log");
            Path stderr = Files.createTempFile("deltacrown-stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(arguments))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            environment(builder, environment);
            Process process = builder.start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("process did not exit within " + deadline + ":\n" + Files.readString(stderr));
            }
            return new Streams(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record Streams(int exitCode, String stdout, String stderr) {}

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath());
        command.add("gg.deltacrown.cli.Main");
        command.addAll(List.of(arguments));
        return command;
    }

    private static void environment(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("TEAM_")
                        || name.equals("DATABASE_URL")
                        || name.equals("PORT")
                        || name.equals("LOG_FORMAT"));
        builder.environment().putAll(environment);
    }

    /** The class path the service processes run with: the test JVM's own. */
    public static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file the process's stdout and stderr go to (a service's log file, for tools that read it). */
    public Path outputFile() {
        return output;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the output matches, failing early if the process dies first. */
    public void awaitOutput(String regex, Duration deadline) {
        Pattern pattern = Pattern.compile(regex);
        Awaitility.await("output matching " + regex)
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "the process exited:\n" + tail(),
                        () -> !process.isAlive() && !pattern.matcher(output()).find())
                .until(() -> pattern.matcher(output()).find());
    }

    public int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("process did not exit within " + deadline + ":\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The postgres processes serving the embedded database of a data directory. */
    public static List<ProcessHandle> postgresProcessesOf(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains("postgres")
                                && line.contains(dataDir.resolve("pgdata").toString()))
                        .orElse(false))
                .toList();
    }

    /** SIGTERM, as Ctrl-C, systemd or Kubernetes would send. */
    public int stop(Duration deadline) {
        process.destroy();
        return awaitExit(deadline);
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        String text = output();
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
