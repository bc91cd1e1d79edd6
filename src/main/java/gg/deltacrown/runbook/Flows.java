package gg.deltacrown.runbook;

import gg.deltacrown.legacy.LegacyMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phase 3's five test flows and Phase 5's latency sample, with the runbook's request bodies, each
 * answer saved under {@code logs/} with the runbook's file names, and after each flow the wait for
 * the dual-write and the database checks of its "Verify Database" step. The first failure stops
 * the flows (later ones build on it).
 */
final class Flows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunbookRequest request;
    private final ServiceClient client;
    private final ShadowChecks checks;
    private final Map<Path, String> logs;
    private final List<String> lines;
    private final Consumer<String> out;
    private final List<String> timings = new ArrayList<>();
    private long teamId;
    private String slug;
    private int completed;
    private Latency latency;

    /** Phase 5.1's sample: average and p95 in milliseconds. */
    record Latency(int requests, double averageMillis, long p95Millis) {}

    Flows(
            RunbookRequest request,
            ServiceClient client,
            ShadowChecks checks,
            Map<Path, String> logs,
            List<String> lines,
            Consumer<String> out) {
        this.request = request;
        this.client = client;
        this.checks = checks;
        this.logs = logs;
        this.lines = lines;
        this.out = out;
    }

    private static final String FLOW_1 = "Flow 1 (independent team creation)";
    private static final String FLOW_2 = "Flow 2 (add team member)";
    private static final String FLOW_3 = "Flow 3 (update member role)";
    private static final String FLOW_4 = "Flow 4 (update team settings)";
    private static final String FLOW_5 = "Flow 5 (remove team member)";

    void run(String teamName) {
        long mark = checks.outboxMark();
        ServiceClient.Answer created = call(
                FLOW_1,
                "flow1_team_create_response.json",
                201,
                "/api/vnext/teams/create/",
                body().put("name", teamName).put("game_id", request.gameId()).put("region", request.region()));
        teamId = created.body().path("team_id").asLong();
        slug = created.field("team_slug");
        verified(FLOW_1, mark);
        done("Flow 1: independent team created: " + slug + " (vNext id " + teamId + "), legacy shadow and owner"
                + " membership match, map row verified");

        mark = checks.outboxMark();
        ServiceClient.Answer added = call(
                FLOW_2,
                "flow2_member_add_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/add/",
                body().put("user_lookup", request.member())
                        .put("role", "PLAYER")
                        .put("is_active", true));
        long membership = added.body().path("membership_id").asLong();
        verified(FLOW_2, mark);
        expectLegacy(FLOW_2, membership, LegacyMapping.role("PLAYER"), LegacyMapping.status("ACTIVE"));
        done("Flow 2: " + request.member() + " added as PLAYER (membership " + membership
                + "), legacy membership ACTIVE");

        mark = checks.outboxMark();
        call(
                FLOW_3,
                "flow3_member_role_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/" + membership + "/role/",
                body().put("role", "SUBSTITUTE"));
        verified(FLOW_3, mark);
        expectLegacy(FLOW_3, membership, LegacyMapping.role("SUBSTITUTE"), LegacyMapping.status("ACTIVE"));
        done("Flow 3: role changed to SUBSTITUTE, legacy role " + LegacyMapping.role("SUBSTITUTE"));

        mark = checks.outboxMark();
        call(
                FLOW_4,
                "flow4_settings_response.json",
                200,
                "/api/vnext/teams/" + slug + "/settings/",
                body().put("region", "EU")
                        .put("description", "Updated via dual-write test")
                        .put("logo_url", "https://cdn.example.com/updated.png"));
        verified(FLOW_4, mark);
        done("Flow 4: settings updated (region EU, description, logo_url), legacy team matches");

        mark = checks.outboxMark();
        call(
                FLOW_5,
                "flow5_member_remove_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/" + membership + "/remove/",
                null);
        verified(FLOW_5, mark);
        expectLegacy(FLOW_5, membership, LegacyMapping.role("SUBSTITUTE"), LegacyMapping.status("INACTIVE"));
        done("Flow 5: " + request.member() + " removed, legacy membership " + LegacyMapping.status("INACTIVE")
                + " with left_at");
    }

    /** Phase 5.1 on the team detail endpoint (the runbook's create loop would only get 409s), plus the flows' own times. */
    List<String> performance() {
        List<String> performance = new ArrayList<>(timings);
        if (request.latencySamples() > 0 && slug != null) {
            long[] millis = new long[request.latencySamples()];
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < millis.length; i++) {
                ServiceClient.Answer answer = client.get("/api/vnext/teams/" + slug + "/detail/");
                if (answer.status() != 200) {
                    throw new RunbookFailedException(
                            "Phase 5 (latency sample): GET team detail answered " + answer.problem());
                }
                millis[i] = answer.millis();
                file.append("Request ")
                        .append(i + 1)
                        .append(": ")
                        .append(millis[i])
                        .append("ms\n");
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            double average = Arrays.stream(millis).average().orElse(0);
            long p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
            latency = new Latency(millis.length, average, p95);
            file.append(String.format(Locale.ROOT, "Average: %.2fms%nP95: %dms%n", average, p95));
            logs.put(request.outDir().resolve("logs/latency_team_detail.txt"), file.toString());
            performance.add(String.format(
                    Locale.ROOT,
                    "GET team detail x%d: average %.1f ms, p95 %d ms (logs/latency_team_detail.txt)",
                    millis.length,
                    average,
                    p95));
        }
        String lag = checks.lagOf(teamId);
        if (!lag.isEmpty()) {
            performance.add(lag);
        }
        out.accept("  " + String.join("\n  ", performance));
        return performance;
    }

    private ServiceClient.Answer call(String flow, String file, int expected, String path, ObjectNode body) {
        ServiceClient.Answer answer = client.post(path, body);
        logs.put(request.outDir().resolve("logs").resolve(file), StagingRunbook.pretty(answer.body(), answer.raw()));
        timings.add(
                flow + ": " + answer.method() + " " + path + " " + answer.status() + " in " + answer.millis() + " ms");
        if (answer.status() != expected) {
            throw new RunbookFailedException(
                    flow + ": expected " + expected + ", got " + answer.problem() + " (logs/" + file + ")");
        }
        return answer;
    }

    private void verified(String flow, long mark) {
        try {
            checks.awaitShadows(teamId, mark, request.shadowTimeout());
        } catch (RunbookFailedException e) {
            throw new RunbookFailedException(flow + ": " + e.getMessage());
        }
        List<String> differences = new ArrayList<>(checks.teamDifferences(teamId));
        differences.addAll(checks.memberDifferences(teamId));
        if (!differences.isEmpty()) {
            throw new RunbookFailedException(flow + ": legacy shadow differs: " + String.join("; ", differences));
        }
    }

    private void expectLegacy(String flow, long membership, String role, String status) {
        String legacy = checks.legacyRoleAndStatus(membership);
        if (!legacy.equals(role + "/" + status)) {
            throw new RunbookFailedException(
                    flow + ": legacy membership is " + legacy + ", expected " + role + "/" + status);
        }
    }

    /** The vNext id of the test team; 0 when Flow 1 did not create it. */
    long teamId() {
        return teamId;
    }

    /** How many of the five flows passed every check. */
    int completed() {
        return completed;
    }

    /** The latency sample; null when it was skipped or not reached. */
    Latency latency() {
        return latency;
    }

    private void done(String line) {
        completed++;
        lines.add("\u2705 " + line);
        out.accept("  " + line);
    }

    private static ObjectNode body() {
        return JSON.createObjectNode();
    }
}
