package gg.deltacrown.runbook;

import gg.deltacrown.validation.MalformedReportException;
import gg.deltacrown.validation.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Where {@code staging_validation_test} gets a report from: a file, this machine's database (the
 * report runs in-process), a Kubernetes pod or a Docker container (the report command runs there
 * through {@code kubectl exec} / {@code docker exec}, as the original script did, minus {@code -it}).
 * The in-process report comes from the caller ({@code local}), which owns the service's start-up.
 */
final class StagingReports {

    static final int SAMPLE_SIZE = 100;

    private final String environment;
    private final String namespace;
    private final String container;
    private final Path composeFile;
    private final List<String> reportCommand;
    private final Supplier<JsonNode> local;
    private final OperatorPrompt prompt;
    private final Consumer<String> out;
    private String pod;
    private String dockerContainer;

    StagingReports(
            StagingValidationTest.Request request,
            Supplier<JsonNode> local,
            OperatorPrompt prompt,
            Consumer<String> out) {
        this(
                request.environment(),
                request.pod(),
                request.namespace(),
                request.container(),
                request.composeFile(),
                request.reportCommand(),
                local,
                prompt,
                out);
    }

    private StagingReports(
            String environment,
            String pod,
            String namespace,
            String container,
            Path composeFile,
            String reportCommand,
            Supplier<JsonNode> local,
            OperatorPrompt prompt,
            Consumer<String> out) {
        this.local = local;
        this.prompt = prompt;
        this.out = out;
        this.environment = environment;
        this.pod = pod;
        this.namespace = namespace;
        this.container = container;
        this.composeFile = composeFile;
        this.reportCommand = new ArrayList<>(Arrays.asList(reportCommand.trim().split("\\s+")));
        this.reportCommand.addAll(List.of("--format=json", "--sample-size=" + SAMPLE_SIZE));
        this.dockerContainer = "staging-docker".equals(environment) ? container : null;
    }

    /** True when generating a report here would have to ask which container to use. */
    boolean needsContainerPrompt() {
        return "staging-docker".equals(environment) && container == null && composeFile == null;
    }

    /** Reads and checks a report file; {@code label} is BEFORE or AFTER. */
    JsonNode load(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunbookFailedException("the " + label + " report " + file + " does not exist");
        } catch (IOException e) {
            throw new RunbookFailedException(
                    "cannot read the " + label + " report " + file + ": " + RemoteCommand.rootMessage(e));
        }
        return checked(text, "the " + label + " report " + file);
    }

    /** Runs the report where {@code --env} says and returns it. */
    JsonNode generate(String label) {
        out.accept("");
        out.accept("=".repeat(80));
        out.accept("Generating " + label + " validation report...");
        out.accept("=".repeat(80));
        out.accept("");
        String what = "the " + label + " report from " + environment;
        return switch (environment) {
            case "local" -> local();
            case "staging-k8s" -> checked(RemoteCommand.run(kubectl(), out), what);
            default -> checked(RemoteCommand.run(docker(), out), what);
        };
    }

    private JsonNode local() {
        out.accept("Running: vnext_validation_report --format=json --sample-size=" + SAMPLE_SIZE + " (in-process)");
        return local.get();
    }

    private List<String> kubectl() {
        if (pod == null) {
            pod = RemoteCommand.run(
                            List.of(
                                    "kubectl",
                                    "get",
                                    "pods",
                                    "-n",
                                    namespace,
                                    "-l",
                                    "app=deltacrown-web",
                                    "-o",
                                    "jsonpath={.items[0].metadata.name}"),
                            out)
                    .strip();
            if (pod.isEmpty()) {
                throw new RunbookFailedException(
                        "no pod with label app=deltacrown-web in namespace " + namespace + "; pass --pod NAME");
            }
        }
        List<String> command = new ArrayList<>(List.of("kubectl", "exec", pod, "-n", namespace));
        if (container != null) {
            command.addAll(List.of("-c", container));
        }
        command.add("--");
        return RemoteCommand.concat(command, reportCommand);
    }

    private List<String> docker() {
        if (dockerContainer == null && composeFile != null) {
            dockerContainer = RemoteCommand.run(
                            List.of("docker", "compose", "-f", composeFile.toString(), "ps", "-q", "web"), out)
                    .strip();
            if (dockerContainer.isEmpty()) {
                throw new RunbookFailedException(
                        "no running 'web' service in " + composeFile + "; pass --container NAME");
            }
        }
        if (dockerContainer == null) {
            String answer = prompt.ask("Enter staging container name (e.g., deltacrown_web_1): ");
            if (answer == null || answer.isBlank()) {
                throw new RunbookFailedException("no container given");
            }
            dockerContainer = answer.strip();
        }
        return RemoteCommand.concat(List.of("docker", "exec", dockerContainer), reportCommand);
    }

    private JsonNode checked(String text, String what) {
        ReportJson.Parsed parsed;
        try {
            parsed = ReportJson.parse(text);
        } catch (MalformedReportException e) {
            throw new RunbookFailedException(what + " " + e.getMessage());
        }
        JsonNode report = parsed.document();
        if (!report.isObject()
                || !report.path("coverage").isObject()
                || !report.path("meta").isObject()) {
            throw new RunbookFailedException(what + " is not a validation report (no meta and coverage sections)");
        }
        if (parsed.surrounded()) {
            out.accept("note: ignored the text around the JSON in " + what);
        }
        return report;
    }
}
