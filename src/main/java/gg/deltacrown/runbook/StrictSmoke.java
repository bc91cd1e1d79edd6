package gg.deltacrown.runbook;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.runbook.WriterEvidence.VnextRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phase 2.3: strict mode on at runtime; two smoke flows whose legacy shadow is written inside the
 * request (visible as soon as it answers, by the request's own transaction); then a forced
 * dual-write failure, which must answer 500 {@code DUAL_WRITE_FAILED}, count a
 * {@code dual_write_failed severity=error}, and leave nothing committed on either side; strict
 * mode back off whatever happened.
 */
final class StrictSmoke {

    static final String FAILURE_SUFFIX = "strict fail";

    private static final String LEFTOVERS = """
            SELECT (SELECT count(*) FROM organizations_team WHERE name = :name) AS vnext_teams,
                   (SELECT count(*) FROM teams_team WHERE name LIKE :name || '%') AS legacy_teams,
                   (SELECT count(*) FROM organizations_dualwrite_outbox o WHERE o.id > :mark
                       AND NOT EXISTS (SELECT 1 FROM organizations_team t WHERE t.id = o.vnext_team_id)) AS outbox_rows,
                   (SELECT count(*) FROM organizations_migration_map m
                       WHERE NOT EXISTS (SELECT 1 FROM organizations_team t WHERE t.id = m.vnext_team_id)) AS orphan_maps
            """;
    private static final String ORPHAN_MAPS = """
            SELECT count(*) FROM organizations_migration_map m
             WHERE NOT EXISTS (SELECT 1 FROM organizations_team t WHERE t.id = m.vnext_team_id)
            """;

    private final RunContext run;
    private final TestTeams teams;
    private final LegacyWriteFault.Plan fault;
    private final List<String> lines = new ArrayList<>();
    private Long teamId;

    StrictSmoke(RunContext run, TestTeams teams, LegacyWriteFault.Plan fault) {
        this.run = run;
        this.teams = teams;
        this.fault = fault;
    }

    Outcome run() {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            run.setFlag(Flag.DUAL_WRITE_STRICT_MODE, true, "staging runbook " + run.runId + ": Phase 2.3 strict smoke");
            outcomes.add(smokeFlows());
            outcomes.add(forcedFailure());
        } catch (RunbookFailedException e) {
            outcomes.add(Outcome.fail("Phase 2.3: " + e.getMessage()));
        } finally {
            run.setFlag(Flag.DUAL_WRITE_STRICT_MODE, false, "staging runbook " + run.runId + ": Phase 2.3 done");
        }
        Outcome result = outcomes.stream().reduce(Outcome::and).orElseThrow();
        lines.add((result.passed() ? "\u2705 " : "\u274C ") + "Phase 2.3 strict mode: " + result.evidence());
        run.out.accept("  " + result.status().label + " " + result.evidence());
        return result;
    }

    /** The created team's vNext id (for the map-row check), null when it was not created. */
    Long teamId() {
        return teamId;
    }

    List<String> lines() {
        return lines;
    }

    private Outcome smokeFlows() {
        long mark = run.checks.outboxMark();
        ServiceClient.Answer answer = teams.create("strict");
        run.artifacts.put(run.logs("strict_create_response.json"), RunContext.pretty(answer));
        if (answer.status() != 201) {
            return Outcome.fail("strict create answered " + answer.problem() + " (logs/strict_create_response.json)");
        }
        long team = answer.body().path("team_id").asLong();
        String slug = answer.field("team_slug");
        teamId = team;
        String created = run.writers.requestTransaction(VnextRow.TEAM, team);
        Outcome first = inRequest("create", team, Map.of(), created, mark);

        mark = run.checks.outboxMark();
        Map<String, String> before = run.writers.legacyRows(team);
        ServiceClient.Answer updated = run.client.post(
                "/api/vnext/teams/" + slug + "/settings/",
                RunContext.body().put("description", "Updated in strict mode"));
        run.artifacts.put(run.logs("strict_settings_response.json"), RunContext.pretty(updated));
        if (updated.status() != 200) {
            return Outcome.fail("strict settings update answered " + updated.problem());
        }
        String settings = run.writers.requestTransaction(VnextRow.TEAM, team);
        return first.and(inRequest("settings update", team, before, settings, mark));
    }

    /** Right after the answer, without waiting: the shadow matches and the request's transaction wrote it. */
    private Outcome inRequest(String what, long team, Map<String, String> before, String request, long mark) {
        List<String> differences = new ArrayList<>(run.checks.teamDifferences(team));
        differences.addAll(run.checks.memberDifferences(team));
        if (!differences.isEmpty()) {
            return Outcome.fail("strict " + what + ": the shadow was not written in the request: "
                    + String.join("; ", differences));
        }
        return run.writers.verdict("strict " + what, team, before, request, mark, true);
    }

    private Outcome forcedFailure() {
        long mark = run.checks.outboxMark();
        long orphans = run.jdbc.sql(ORPHAN_MAPS).query(Long.class).single();
        double errors = run.instances.sum("deltacrown_dualwrite_failed_total", "severity=\"error\"");
        ServiceClient.Answer answer;
        try (LegacyWriteFault ignored = LegacyWriteFault.start(fault, run.request.shadowTimeout(), run.out)) {
            answer = teams.create(FAILURE_SUFFIX);
        }
        run.artifacts.put(run.logs("strict_failure_response.json"), RunContext.pretty(answer));
        double counted = run.instances.sum("deltacrown_dualwrite_failed_total", "severity=\"error\"") - errors;
        var left = run.jdbc
                .sql(LEFTOVERS)
                .param("name", run.teamName(FAILURE_SUFFIX))
                .param("mark", mark)
                .query((rs, n) -> new long[] {
                    rs.getLong("vnext_teams"),
                    rs.getLong("legacy_teams"),
                    rs.getLong("outbox_rows"),
                    rs.getLong("orphan_maps") - orphans
                })
                .single();
        boolean refused = answer.status() == 500 && "DUAL_WRITE_FAILED".equals(answer.field("error_code"));
        boolean nothing = left[0] == 0 && left[1] == 0 && left[2] == 0 && left[3] == 0;
        return Outcome.of(
                refused && nothing && counted >= 1,
                "forced failure (" + fault.method().name().toLowerCase(Locale.ROOT) + "): answered "
                        + answer.problem() + " (logs/strict_failure_response.json); dual_write_failed severity=error"
                        + " counted " + (long) counted + " time(s) on the instances; committed afterwards: " + left[0]
                        + " vNext teams, " + left[1] + " legacy teams, " + left[2] + " outbox rows and " + left[3]
                        + " new orphan map rows");
    }
}
