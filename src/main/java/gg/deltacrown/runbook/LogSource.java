package gg.deltacrown.runbook;

import java.nio.file.Path;

/**
 * Where the service's logs are, for the runbook's greps: a file, the pods of the Kubernetes
 * deployment ({@code kubectl logs}), the {@code web} service of a compose file, or nowhere (the
 * runbook then says which evidence replaced each grep).
 */
public record LogSource(Kind kind, Path file, String namespace, Path composeFile) {

    public enum Kind {
        NONE,
        FILE,
        KUBECTL,
        COMPOSE
    }

    public static final LogSource NONE = new LogSource(Kind.NONE, null, null, null);

    /** The label of the deployment's pods ({@code deploy/k8s/deployment.yaml}). */
    static final String POD_SELECTOR = "app=deltacrown-web";

    /**
     * From the options {@code --log-file}, {@code --kubectl-logs} (with {@code --namespace}) and
     * {@code --compose-file}; at most one of them.
     */
    public static LogSource of(Path logFile, boolean kubectlLogs, String namespace, Path composeFile) {
        int given = (logFile != null ? 1 : 0) + (kubectlLogs ? 1 : 0) + (composeFile != null ? 1 : 0);
        if (given > 1) {
            throw new RunbookFailedException("pass one of --log-file, --kubectl-logs and --compose-file");
        }
        if (logFile != null) {
            return new LogSource(Kind.FILE, logFile, null, null);
        }
        if (kubectlLogs) {
            return new LogSource(Kind.KUBECTL, null, namespace == null ? "deltacrown" : namespace, null);
        }
        if (composeFile != null) {
            return new LogSource(Kind.COMPOSE, null, null, composeFile);
        }
        return NONE;
    }

    boolean present() {
        return kind != Kind.NONE;
    }

    /** How the logs were read, for the evidence ("kubectl logs -l app=deltacrown-web -n deltacrown"). */
    String describe() {
        return switch (kind) {
            case NONE -> "no logs (pass --log-file, --kubectl-logs or --compose-file)";
            case FILE -> "log file " + file;
            case KUBECTL -> "kubectl logs -l " + POD_SELECTOR + " -n " + namespace + " (every pod)";
            case COMPOSE -> "docker compose -f " + composeFile + " logs web";
        };
    }
}
