package gg.deltacrown.cli;

import gg.deltacrown.validation.MalformedReportException;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where {@code staging_validation_test} gets a report from: a file, this machine's database (the
 * report runs in-process), a Kubernetes pod or a Docker container (the report command runs there
 * through {@code kubectl exec} / {@code docker exec}, as the original script did, minus {@code -it}).
 */
final class StagingReports {

    static final int SAMPLE_SIZE = 100;

    private final String environment;
    private final String namespace;
    private final String container;
    private final Path composeFile;
    private final List<String> reportCommand;
    private String pod;
    private String dockerContainer;

    StagingReports(
            String environment,
            String pod,
            String namespace,
            String container,
            Path composeFile,
            String reportCommand) {
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
    static JsonNode load(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("the " + label + " report " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailedException(
                    "cannot read the " + label + " report " + file + ": " + DatabaseTarget.rootMessage(e));
        }
        return checked(text, "the " + label + " report " + file);
    }

    /** Runs the report where {@code --env} says and returns it. */
    JsonNode generate(String label) {
        System.out.println();
        System.out.println("=".repeat(80));
        System.out.println("Generating " + label + " validation report...");
        System.out.println("=".repeat(80));
        System.out.println();
        String what = "the " + label + " report from " + environment;
        return switch (environment) {
            case "local" -> local();
            case "staging-k8s" -> checked(RemoteReport.run(kubectl()), what);
            default -> checked(RemoteReport.run(docker()), what);
        };
    }

    private JsonNode local() {
        System.out.println(
                "Running: vnext_validation_report --format=json --sample-size=" + SAMPLE_SIZE + " (in-process)");
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            return ReportJson.toTree(
                    service.bean(ValidationReports.class).generate(ReportRequest.unfiltered(SAMPLE_SIZE)));
        }
    }

    private List<String> kubectl() {
        if (pod == null) {
            pod = RemoteReport.run(List.of(
                            "kubectl",
                            "get",
                            "pods",
                            "-n",
                            namespace,
                            "-l",
                            "app=deltacrown-web",
                            "-o",
                            "jsonpath={.items[0].metadata.name}"))
                    .strip();
            if (pod.isEmpty()) {
                throw new CommandFailedException(
                        "no pod with label app=deltacrown-web in namespace " + namespace + "; pass --pod NAME");
            }
        }
        List<String> command = new ArrayList<>(List.of("kubectl", "exec", pod, "-n", namespace));
        if (container != null) {
            command.addAll(List.of("-c", container));
        }
        command.add("--");
        return RemoteReport.concat(command, reportCommand);
    }

    private List<String> docker() {
        if (dockerContainer == null && composeFile != null) {
            dockerContainer = RemoteReport.run(
                            List.of("docker", "compose", "-f", composeFile.toString(), "ps", "-q", "web"))
                    .strip();
            if (dockerContainer.isEmpty()) {
                throw new CommandFailedException(
                        "no running 'web' service in " + composeFile + "; pass --container NAME");
            }
        }
        if (dockerContainer == null) {
            dockerContainer = Terminal.ask("Enter staging container name (e.g., deltacrown_web_1): ")
                    .strip();
        }
        return RemoteReport.concat(List.of("docker", "exec", dockerContainer), reportCommand);
    }

    private static JsonNode checked(String text, String what) {
        ReportJson.Parsed parsed;
        try {
            parsed = ReportJson.parse(text);
        } catch (MalformedReportException e) {
            throw new CommandFailedException(what + " " + e.getMessage());
        }
        JsonNode report = parsed.document();
        if (!report.isObject()
                || !report.path("coverage").isObject()
                || !report.path("meta").isObject()) {
            throw new CommandFailedException(what + " is not a validation report (no meta and coverage sections)");
        }
        if (parsed.surrounded()) {
            System.out.println("note: ignored the text around the JSON in " + what);
        }
        return report;
    }
}
