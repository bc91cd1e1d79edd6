package gg.deltacrown.runbook;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The run's outcome for CI ({@code --format=json}, and {@code RUNBOOK_SUMMARY.json} in the tree):
 * GO or NO-GO, the exit code, every criterion with its status and evidence, the issues.
 */
final class RunbookJson {

    static final String FILE = "RUNBOOK_SUMMARY.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunbookJson() {}

    static String write(RunReport report) {
        ObjectNode root = JSON.createObjectNode()
                .put("run_id", report.runId())
                .put("result", report.go() ? "GO" : "NO-GO")
                .put("exit_code", report.go() ? 0 : 1)
                .put("duration_seconds", report.duration().toMillis() / 1000.0)
                .put("base_url", report.request().baseUrl().toString())
                .put("artifact_directory", report.request().outDir().toString())
                .put("environment", report.environment())
                .put("logs", report.request().logs().describe());
        ObjectNode counts = root.putObject("criteria_counts");
        for (Outcome.Status status : Outcome.Status.values()) {
            counts.put(status.name(), report.count(status));
        }
        ArrayNode criteria = root.putArray("criteria");
        for (SuccessCriteria.Criterion criterion : report.criteria()) {
            criteria.addObject()
                    .put("number", criterion.number())
                    .put("criterion", criterion.text())
                    .put("status", criterion.outcome().status().name())
                    .put("evidence", criterion.outcome().evidence());
        }
        ArrayNode issues = root.putArray("issues");
        report.issues().forEach(issues::add);
        root.put("strict_mode", report.strictMode()).put("flags_left", report.finalFlags());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
