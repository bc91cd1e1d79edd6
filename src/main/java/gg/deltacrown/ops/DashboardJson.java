package gg.deltacrown.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The dashboard's documents as the page's script and the admin API serve them (snake_case keys). */
final class DashboardJson {

    private DashboardJson() {}

    /** Columns of equal length, {@code t} in epoch seconds; see {@link OutboxSeries}. */
    static Map<String, Object> series(OutboxSeries series) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("window", series.window().label());
        document.put("bucket_seconds", OutboxSeries.BUCKET_SECONDS);
        document.put("t", series.minutes());
        document.put("backlog", series.backlog());
        document.put("created", series.created());
        document.put("completed", series.completed());
        document.put("failed", series.failed());
        document.put("lag_p50_ms", series.lagP50Ms());
        document.put("lag_p99_ms", series.lagP99Ms());
        document.put(
                "flag_changes",
                series.flagChanges().stream().map(DashboardJson::marker).toList());
        return document;
    }

    static Map<String, Object> summary(Dashboard.OutboxNow outbox, ReportRun report) {
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("pending_count", outbox.status().pendingCount());
        now.put("retrying_count", outbox.status().retryingCount());
        now.put("blocked_count", outbox.status().blockedCount());
        now.put("oldest_pending_age_seconds", outbox.status().oldestPendingAgeSeconds());
        now.put("completed_last_hour", outbox.status().completedLastHour());
        now.put("failed_last_hour", outbox.failedLastHour());
        document.put("outbox", now);
        document.put("latest_report", report == null ? null : report(report));
        return document;
    }

    private static Map<String, Object> report(ReportRun run) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", run.id());
        report.put("generated_at", run.generatedAt().toString());
        report.put("requested_by", run.requestedBy());
        report.put("has_errors", run.hasErrors());
        report.put("execution_time_seconds", run.executionTimeSeconds());
        ReportRun.Coverage coverage = run.coverage();
        report.put(
                "coverage",
                ordered(
                        "legacy_teams", coverage.legacyTeams(),
                        "vnext_teams", coverage.vnextTeams(),
                        "mapped", coverage.mapped(),
                        "unmapped", coverage.unmapped(),
                        "mapped_percentage", coverage.mappedPercentage()));
        ReportRun.MappingHealth mapping = run.mappingHealth();
        report.put(
                "mapping_health",
                ordered(
                        "total_mappings", mapping.totalMappings(),
                        "duplicate_legacy", mapping.duplicateLegacy(),
                        "duplicate_vnext", mapping.duplicateVnext(),
                        "orphans", mapping.orphans(),
                        "unverified", mapping.unverified()));
        ReportRun.Drift drift = run.drift();
        report.put(
                "drift",
                ordered(
                        "sampled_teams", drift.sampledTeams(),
                        "name_mismatches", drift.nameMismatches(),
                        "slug_mismatches", drift.slugMismatches(),
                        "membership_count_mismatches", drift.membershipCountMismatches(),
                        "ranking_mismatches", drift.rankingMismatches(),
                        "missing_membership_shadows", drift.missingMembershipShadows(),
                        "differing_membership_shadows", drift.differingMembershipShadows(),
                        "missing_team_shadows", drift.missingTeamShadows(),
                        "legacy_writes_while_blocked", drift.legacyWritesWhileBlocked(),
                        "total", drift.total()));
        report.put("recommendations", run.recommendations());
        return report;
    }

    private static Map<String, Object> marker(OutboxSeries.FlagMarker marker) {
        return ordered(
                "t", marker.at(),
                "name", marker.name(),
                "old_value", marker.oldValue(),
                "new_value", marker.newValue(),
                "source", marker.source(),
                "changed_by", marker.changedBy());
    }

    /** Keys and values in turn, kept in that order. */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
