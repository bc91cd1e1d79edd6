package gg.deltacrown.cli;

import gg.deltacrown.runbook.OperatorPrompt;
import gg.deltacrown.runbook.RunbookFailedException;
import gg.deltacrown.runbook.StagingValidationTest;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReports;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code staging_validation_test}: the runbook's before/after delta analysis, run by the
 * {@code runbook} module ({@link StagingValidationTest}, docs/adr/0012); with {@code --automate}
 * the whole runbook, as {@code staging_runbook}.
 */
@Command(
        name = "staging_validation_test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Before/after validation reports of the staging dual-write test, their delta,",
            "and the summaries (delta.json, delta.md, SUMMARY.md,",
            "staging_test_summary_<time>.md) in the artifact directory.",
            "With --automate: the whole runbook against a running service, as",
            "'staging_runbook' does (its options below)."
        })
final class StagingValidationTestCommand implements Callable<Integer> {

    private static final OperatorPrompt TERMINAL = new OperatorPrompt() {
        @Override
        public boolean interactive() {
            return Terminal.interactive();
        }

        @Override
        public String ask(String prompt) {
            return Terminal.ask(prompt);
        }
    };

    @Option(
            names = "--env",
            defaultValue = "staging-k8s",
            paramLabel = "local|staging-k8s|staging-docker",
            description = "Where reports are generated (default: ${DEFAULT-VALUE})")
    String environment;

    @Option(
            names = "--output-dir",
            defaultValue = "./logs",
            description = "Output directory (default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(
            names = "--out-dir",
            description = "Artifact directory: wins over --output-dir, gets baseline/, after/, logs/")
    Path outDir;

    @Option(
            names = "--skip-before",
            description = "Do not generate the BEFORE report (use --before or answer the prompt)")
    boolean skipBefore;

    @Option(names = "--before", paramLabel = "PATH", description = "Existing BEFORE report (JSON)")
    Path before;

    @Option(names = "--after", paramLabel = "PATH", description = "Existing AFTER report (JSON)")
    Path after;

    @Option(names = "--pod", description = "staging-k8s: the pod (default: the first with label app=deltacrown-web)")
    String pod;

    @Option(
            names = "--namespace",
            defaultValue = "deltacrown",
            description = "staging-k8s: namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--container", description = "staging-docker: the container; staging-k8s: the container in the pod")
    String container;

    @Option(
            names = "--compose-file",
            paramLabel = "FILE",
            description = "staging-docker: find the 'web' container of this compose file")
    Path composeFile;

    @Option(
            names = "--report-command",
            defaultValue = "deltacrown vnext_validation_report",
            description = "The report command inside the pod or container (default: ${DEFAULT-VALUE})")
    String reportCommand;

    @Option(
            names = "--automate",
            description = "Run the whole runbook against --base-url (the five flows included)"
                    + " instead of only the reports and their delta; see 'staging_runbook --help'")
    boolean automate;

    @Mixin
    RunbookOptions runbook;

    @Override
    public Integer call() {
        if (automate) {
            if (before != null || after != null || skipBefore) {
                throw new CommandFailedException("--automate takes its own before and after reports; drop --before,"
                        + " --after and --skip-before");
            }
            return runbook.run(outDir, namespace, composeFile);
        }
        try {
            StagingValidationTest.Request request = new StagingValidationTest.Request(
                    environment,
                    outputDir,
                    outDir,
                    skipBefore,
                    before,
                    after,
                    pod,
                    namespace,
                    container,
                    composeFile,
                    reportCommand);
            new StagingValidationTest(request, StagingValidationTestCommand::localReport, TERMINAL, System.out::println)
                    .run();
        } catch (RunbookFailedException e) {
            throw new CommandFailedException(e.getMessage());
        }
        return 0;
    }

    /** {@code --env local}: the report of this machine's database, in-process. */
    private static JsonNode localReport() {
        try (ServiceBootstrap service = ServiceBootstrap.start(ServiceBootstrap.Mode.CLI, Settings.fromEnvironment())) {
            return ReportJson.toTree(service.bean(ValidationReports.class)
                    .generate(ReportRequest.unfiltered(StagingValidationTest.REPORT_SAMPLE_SIZE)));
        }
    }
}
