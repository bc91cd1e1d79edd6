package gg.deltacrown.runbook;

import gg.deltacrown.legacy.LegacyMapping;
import gg.deltacrown.runbook.WriterEvidence.VnextRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phase 3's five test flows with the runbook's request bodies, each answer saved under
 * {@code logs/} with the runbook's file names; after each flow the wait for the dual-write, the
 * database checks of its "Verify Database" step, and which transaction wrote the legacy rows it
 * changed (Phase 5.3). The first failure stops the flows (later ones build on it).
 */
final class Flows {

    static final String FLOW_1 = "Flow 1 (independent team creation)";
    static final String FLOW_2 = "Flow 2 (add team member)";
    static final String FLOW_3 = "Flow 3 (update member role)";
    static final String FLOW_4 = "Flow 4 (update team settings)";
    static final String FLOW_5 = "Flow 5 (remove team member)";

    private final RunContext run;
    private final List<String> lines = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private final List<Outcome> writers = new ArrayList<>();
    private long teamId;
    private long membershipId;
    private String slug;
    private int completed;
    private String problem;

    Flows(RunContext run) {
        this.run = run;
    }

    /** Runs the five flows; a failure is kept as {@link #problem()}, not thrown. */
    void run() {
        try {
            flows();
        } catch (RunbookFailedException e) {
            problem = e.getMessage();
            lines.add("\u274C " + e.getMessage());
            run.out.accept("  FAILED: " + e.getMessage());
        }
    }

    private void flows() {
        RunbookRequest request = run.request;
        Step step = new Step(FLOW_1, 0);
        ServiceClient.Answer created = step.call(
                "flow1_team_create_response.json",
                201,
                "/api/vnext/teams/create/",
                RunContext.body()
                        .put("name", run.teamName(""))
                        .put("game_id", request.gameId())
                        .put("region", request.region()));
        teamId = created.body().path("team_id").asLong();
        slug = created.field("team_slug");
        step.verified(VnextRow.TEAM, teamId);
        done("Flow 1: independent team created: " + slug + " (vNext id " + teamId + "), legacy shadow and owner"
                + " membership match, map row verified");

        step = new Step(FLOW_2, teamId);
        ServiceClient.Answer added = step.call(
                "flow2_member_add_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/add/",
                RunContext.body()
                        .put("user_lookup", request.member())
                        .put("role", "PLAYER")
                        .put("is_active", true));
        membershipId = added.body().path("membership_id").asLong();
        step.verified(VnextRow.MEMBERSHIP, membershipId);
        expectLegacy(FLOW_2, LegacyMapping.role("PLAYER"), LegacyMapping.status("ACTIVE"));
        done("Flow 2: " + request.member() + " added as PLAYER (membership " + membershipId
                + "), legacy membership ACTIVE");

        step = new Step(FLOW_3, teamId);
        step.call(
                "flow3_member_role_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/" + membershipId + "/role/",
                RunContext.body().put("role", "SUBSTITUTE"));
        step.verified(VnextRow.MEMBERSHIP, membershipId);
        expectLegacy(FLOW_3, LegacyMapping.role("SUBSTITUTE"), LegacyMapping.status("ACTIVE"));
        done("Flow 3: role changed to SUBSTITUTE, legacy role " + LegacyMapping.role("SUBSTITUTE"));

        step = new Step(FLOW_4, teamId);
        step.call(
                "flow4_settings_response.json",
                200,
                "/api/vnext/teams/" + slug + "/settings/",
                RunContext.body()
                        .put("region", "EU")
                        .put("description", "Updated via dual-write test")
                        .put("logo_url", "https://cdn.example.com/updated.png"));
        step.verified(VnextRow.TEAM, teamId);
        done("Flow 4: settings updated (region EU, description, logo_url), legacy team matches");

        step = new Step(FLOW_5, teamId);
        step.call(
                "flow5_member_remove_response.json",
                200,
                "/api/vnext/teams/" + slug + "/members/" + membershipId + "/remove/",
                null);
        step.verified(VnextRow.MEMBERSHIP, membershipId);
        expectLegacy(FLOW_5, LegacyMapping.role("SUBSTITUTE"), LegacyMapping.status("INACTIVE"));
        done("Flow 5: " + request.member() + " removed, legacy membership " + LegacyMapping.status("INACTIVE")
                + " with left_at");
    }

    /** One flow: its outbox mark and the legacy rows as they were before its request. */
    private final class Step {
        private final String flow;
        private final long mark;
        private final Map<String, String> before;
        private String file;

        Step(String flow, long team) {
            this.flow = flow;
            this.mark = run.checks.outboxMark();
            this.before = team == 0 ? Map.of() : run.writers.legacyRows(team);
        }

        ServiceClient.Answer call(String file, int expected, String path, ObjectNode body) {
            this.file = file;
            ServiceClient.Answer answer = run.client.post(path, body);
            run.artifacts.put(run.logs(file), RunContext.pretty(answer));
            timings.add(flow + ": " + answer.method() + " " + path + " " + answer.status() + " in " + answer.millis()
                    + " ms");
            if (answer.status() != expected) {
                throw new RunbookFailedException(
                        flow + ": expected " + expected + ", got " + answer.problem() + " (logs/" + file + ")");
            }
            return answer;
        }

        /** Waits for the flow's shadow, compares it with vNext, and records who wrote it. */
        void verified(VnextRow row, long id) {
            String request = run.writers.requestTransaction(row, id);
            try {
                run.checks.awaitShadows(teamId, mark, run.request.shadowTimeout());
            } catch (RunbookFailedException e) {
                throw new RunbookFailedException(flow + ": " + e.getMessage() + " (logs/" + file + ")");
            }
            List<String> differences = new ArrayList<>(run.checks.teamDifferences(teamId));
            differences.addAll(run.checks.memberDifferences(teamId));
            if (!differences.isEmpty()) {
                throw new RunbookFailedException(flow + ": legacy shadow differs: " + String.join("; ", differences));
            }
            writers.add(run.writers.verdict(flow, teamId, before, request, mark, false));
        }
    }

    private void expectLegacy(String flow, String role, String status) {
        String legacy = run.checks.legacyRoleAndStatus(membershipId);
        if (!legacy.equals(role + "/" + status)) {
            throw new RunbookFailedException(
                    flow + ": legacy membership is " + legacy + ", expected " + role + "/" + status);
        }
    }

    private void done(String line) {
        completed++;
        lines.add("\u2705 " + line);
        run.out.accept("  " + line);
    }

    /** The vNext id of the test team; 0 when Flow 1 did not create it. */
    long teamId() {
        return teamId;
    }

    /** Flow 2's membership; 0 when it was not added. */
    long membershipId() {
        return membershipId;
    }

    /** How many of the five flows passed every check. */
    int completed() {
        return completed;
    }

    /** The first failure, null when all five passed. */
    String problem() {
        return problem;
    }

    /** One line per flow for the summaries. */
    List<String> lines() {
        return lines;
    }

    /** Each flow's request: method, path, status, time taken. */
    List<String> timings() {
        return timings;
    }

    /** Per flow: which transaction wrote the legacy rows it changed (Phase 5.3). */
    List<Outcome> writers() {
        return writers;
    }
}
