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
            "command: pre-flight, baseline report, dual-write on, the five test flows",
            "over HTTP with every legacy shadow checked in the database, a latency",
            "sample, the after report, delta.json, delta.md, SUMMARY.md, the success",
            "criteria (SUCCESS_CRITERIA.md), and dual-write back to what it was.",
            "Exit 0 on GO, 1 on NO-GO or when a step cannot be carried out.",
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

    @Override
    public Integer call() {
        return runbook.run(outDir);
    }
}
