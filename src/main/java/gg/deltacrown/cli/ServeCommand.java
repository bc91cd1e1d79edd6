package gg.deltacrown.cli;

import gg.deltacrown.demo.DemoLogins;
import gg.deltacrown.flags.EnvironmentFlags;
import gg.deltacrown.flags.InvalidFlagValueException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs the HTTP service until Ctrl-C or SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the service (port 8000, PORT to change).",
            "Without DATABASE_URL an embedded PostgreSQL keeps its data in DELTACROWN_DATA_DIR (./.deltacrown)."
        })
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Settings settings = Settings.fromEnvironment();
        int port = settings.port();
        try {
            EnvironmentFlags.read(System::getenv);
        } catch (InvalidFlagValueException e) {
            throw new StartupException(e.getMessage());
        }
        checkPortFree(port);

        ServeShutdown shutdown = ServeShutdown.install();
        DatabaseTarget database = shutdown.database(settings);
        if (shutdown.stopping()) {
            return awaitStopped(shutdown, 143);
        }
        ServiceBootstrap service;
        try {
            service = ServiceBootstrap.start(
                    ServiceBootstrap.Mode.SERVE,
                    settings,
                    Map.of("server.port", port),
                    database,
                    shutdown::contextCreated);
        } catch (RuntimeException e) {
            if (shutdown.stopping()) {
                return awaitStopped(shutdown, 143);
            }
            throw e;
        }
        System.out.println("DeltaCrown is running on http://localhost:" + port + "/ (health: http://localhost:" + port
                + "/health/)" + (service.embeddedDatabase() ? "" : " using DATABASE_URL"));
        if (service.embeddedDatabase()) {
            System.out.println("Demo logins (embedded database only): " + String.join("; ", DemoLogins.LOGINS));
            System.out.println("Try: http://localhost:" + port + "/teams/create/");
        }
        System.out.flush();
        return awaitStopped(shutdown, 0);
    }

    private static int awaitStopped(ServeShutdown shutdown, int code) {
        try {
            shutdown.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code;
    }

    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException(
                    "port " + port + " is already in use; stop the other process or set PORT to a free port");
        }
    }
}
