package gg.deltacrown.ops;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.FlagState;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.InvalidFlagValueException;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxEntry;
import gg.deltacrown.migration.OutboxStatus;
import gg.deltacrown.web.FrameworkError;
import gg.deltacrown.web.JsonBody;
import gg.deltacrown.web.SignedInUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Staff-only admin API: flags (read, change at runtime), the dual-write outbox and the dashboard. */
@RestController
@ConditionalOnWebApplication
class AdminApi {

    private final Flags flags;
    private final OutboxAdmin outbox;
    private final Dashboard dashboard;
    private final JsonMapper json;

    AdminApi(Flags flags, OutboxAdmin outbox, Dashboard dashboard, JsonMapper json) {
        this.flags = flags;
        this.outbox = outbox;
        this.dashboard = dashboard;
        this.json = json;
    }

    /** The dashboard's numbers: the outbox now and the latest stored validation report run. */
    @GetMapping("/api/admin/dashboard/")
    Map<String, Object> dashboard() {
        return DashboardJson.summary(
                dashboard.outboxNow(), dashboard.latestReport().orElse(null));
    }

    /** The dashboard's charts as columns, one value per minute (for scripts and Grafana-less teams). */
    @GetMapping("/api/admin/dashboard/series/")
    ResponseEntity<?> series(@RequestParam(defaultValue = "hour") String window) {
        return DashboardWindow.byLabel(window)
                .<ResponseEntity<?>>map(w -> ResponseEntity.ok(DashboardJson.series(dashboard.series(w))))
                .orElseGet(() -> OpsPage.badWindow(window));
    }

    /** Runs the validation report now and stores it; answers with the dashboard's numbers. */
    @PostMapping("/api/admin/dashboard/report-runs/")
    ResponseEntity<Map<String, Object>> runReport(@AuthenticationPrincipal SignedInUser me) {
        dashboard.runReport(me.username());
        return ResponseEntity.status(HttpStatus.CREATED).body(dashboard());
    }

    @GetMapping("/api/admin/flags/")
    Map<String, Object> flags() {
        return Map.of("flags", flags.all().stream().map(AdminApi::flag).toList());
    }

    @PostMapping("/api/admin/flags/{name}/")
    ResponseEntity<?> changeFlag(
            @PathVariable String name,
            @RequestBody(required = false) byte[] body,
            @AuthenticationPrincipal SignedInUser me) {
        Flag flag = Flag.byName(name).orElse(null);
        if (flag == null) {
            return new FrameworkError("Unknown flag " + name + ".", FrameworkError.NOT_FOUND)
                    .status(HttpStatus.NOT_FOUND);
        }
        ObjectNode request = JsonBody.read(body, json);
        Map<String, List<String>> details = new LinkedHashMap<>();
        String value = text(request, "value", details);
        String reason = text(request, "reason", details);
        if (details.isEmpty()) {
            try {
                flags.change(flag, value, FlagSource.RUNTIME, me.username(), reason);
                return ResponseEntity.ok(flag(flags.state(flag)));
            } catch (InvalidFlagValueException e) {
                details.put("value", List.of(e.getMessage()));
            }
        }
        return new FrameworkError("Invalid input.", FrameworkError.VALIDATION_ERROR, details)
                .status(HttpStatus.BAD_REQUEST);
    }

    @GetMapping("/api/admin/outbox/")
    ResponseEntity<?> outbox(
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "20") int limit) {
        Optional<OutboxEntry.Status> wanted = status == null ? Optional.empty() : OutboxEntry.Status.parse(status);
        if (status != null && wanted.isEmpty() || limit < 1 || limit > 1000) {
            return new FrameworkError(
                            "status must be pending, blocked or done; limit 1 to 1000.",
                            FrameworkError.VALIDATION_ERROR)
                    .status(HttpStatus.BAD_REQUEST);
        }
        OutboxStatus now = outbox.status();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pending_count", now.pendingCount());
        answer.put("retrying_count", now.retryingCount());
        answer.put("blocked_count", now.blockedCount());
        answer.put("oldest_pending_age_seconds", now.oldestPendingAgeSeconds());
        answer.put("completed_last_hour", now.completedLastHour());
        answer.put(
                "entries",
                outbox.list(wanted.orElse(null), limit).stream()
                        .map(AdminApi::entry)
                        .toList());
        return ResponseEntity.ok(answer);
    }

    @PostMapping("/api/admin/outbox/unblock/")
    ResponseEntity<?> unblock(@RequestBody(required = false) byte[] body) {
        return select(body, (ids, all) -> Map.of("unblocked", outbox.unblock(ids, all)));
    }

    @PostMapping("/api/admin/outbox/retry/")
    ResponseEntity<?> retry(@RequestBody(required = false) byte[] body) {
        return select(body, (ids, all) -> Map.of("due_now", outbox.retryNow(ids, all)));
    }

    private ResponseEntity<?> select(byte[] body, BiFunction<List<Long>, Boolean, Object> action) {
        ObjectNode request = JsonBody.read(body, json);
        JsonNode ids = request.get("ids");
        JsonNode all = request.get("all");
        List<Long> selected = new ArrayList<>();
        boolean valid = (ids == null || ids.isArray()) && (all == null || all.isBoolean());
        if (valid && ids != null) {
            for (JsonNode id : ids) {
                // Only whole numbers that fit: asLong() throws for "x", [1] or 1e30.
                valid &= id.isIntegralNumber() && id.canConvertToLong();
                if (valid) {
                    selected.add(id.asLong());
                }
            }
        }
        boolean everything = valid && all != null && all.asBoolean();
        if (!valid || selected.isEmpty() == !everything) {
            return new FrameworkError(
                            "Give \"ids\" (a list of outbox row ids) or \"all\": true.",
                            FrameworkError.VALIDATION_ERROR)
                    .status(HttpStatus.BAD_REQUEST);
        }
        return ResponseEntity.ok(action.apply(selected, everything));
    }

    @ExceptionHandler(JsonBody.Unreadable.class)
    ResponseEntity<FrameworkError> unreadable(JsonBody.Unreadable e) {
        return new FrameworkError(
                        e.getMessage(), e.malformed() ? FrameworkError.PARSE_ERROR : FrameworkError.VALIDATION_ERROR)
                .status(HttpStatus.BAD_REQUEST);
    }

    private static String text(ObjectNode request, String field, Map<String, List<String>> details) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            details.put(field, List.of("This field is required."));
            return null;
        }
        if (!node.isString() && !node.isBoolean()) {
            details.put(field, List.of("Not a valid string."));
            return null;
        }
        String value = node.asString().strip();
        if (value.isEmpty()) {
            details.put(field, List.of("This field may not be blank."));
        }
        return value;
    }

    private static Map<String, Object> flag(FlagState state) {
        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("name", state.flag().variable());
        flag.put("value", state.value());
        flag.put("default", state.flag().defaultValue());
        flag.put("source", state.source().value());
        flag.put("changed_by", state.changedBy());
        flag.put(
                "changed_at",
                state.changedAt() == null ? null : state.changedAt().toString());
        flag.put("reason", state.reason());
        flag.put("description", state.flag().description());
        return flag;
    }

    private static Map<String, Object> entry(OutboxEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", entry.id());
        row.put("operation", entry.operation().logName());
        row.put("team_id", entry.teamId());
        row.put("membership_id", entry.membershipId());
        row.put("status", entry.status());
        row.put("attempts", entry.attempts());
        row.put("blocked_reason", entry.blockedReason());
        row.put("last_error", entry.lastError());
        row.put(
                "created_at",
                entry.createdAt() == null ? null : entry.createdAt().toString());
        row.put(
                "completed_at",
                entry.completedAt() == null ? null : entry.completedAt().toString());
        return row;
    }
}
