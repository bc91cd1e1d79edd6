package gg.deltacrown.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code staging_runbook}: the whole staging dual-write runbook in one command, against a running
 * service (its URL) and its database (this process's {@code DATABASE_URL}, or the embedded one).
 * {@code staging_validation_test --automate} runs the same (docs/adr/0017).
 */
@Command(
        name = "staging_runbook",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The staging dual-write runbook (P5_T6_STAGING_DUAL_WRITE_TESTING.md) as one",
            "command, every phase in its order: pre-flight, baseline report, dual-write",
            "on, strict-mode smoke, the five test flows with every legacy shadow checked",
            "in the database, after report and delta, latency and who wrote each legacy",
            "row, failure simulation, rollback, cleanup, and the documents: the twelve",
            "success criteria (SUCCESS_CRITERIA.md), SUMMARY.md, TRACKER_UPDATE.md.",
            "The flags end as they were. Exit 0 on GO, 1 on NO-GO or a refused step.",
            "The password comes from --password or the RUNBOOK_PASSWORD variable.",
            ""
        })
final class StagingRunbookCommand implements Callable<Integer> {

    @Mixin
    RunbookOptions runbook;

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            description = "Artifact directory (default: artifacts/p5_t6/<YYYYmmdd_HHMMSS>, as the runbook's)")
    Path outDir;

    @Option(
            names = "--namespace",
            defaultValue = "deltacrown",
            description = "With --kubectl-logs: the namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(
            names = "--compose-file",
            paramLabel = "FILE",
            description = "Read the logs of the 'web' service of this compose file (docker compose logs web)")
    Path composeFile;

    @Override
    public Integer call() {
        return runbook.run(outDir, namespace, composeFile);
    }
}
