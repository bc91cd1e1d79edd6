package gg.deltacrown.ops;

import gg.deltacrown.database.GuardPosture;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.InvalidFlagValueException;
import gg.deltacrown.legacy.LegacyWriteGuard;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxEntry;
import gg.deltacrown.validation.VerificationRuns;
import gg.deltacrown.web.FrameworkError;
import gg.deltacrown.web.SignedInUser;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' page ({@code /ops/}, staff only): the migration dashboard (coverage, mapping health
 * and drift of the latest stored report, the outbox now and per minute), flags with who changed
 * them, the dead letters, and the actions of the rollback runbook, without a shell on the pod.
 */
@Controller
@ConditionalOnWebApplication
class OpsPage {

    private final Dashboard dashboard;
    private final Flags flags;
    private final OutboxAdmin outbox;
    private final VerificationRuns verifications;
    private final LegacyWriteGuard guard;
    private final GuardPosture posture;

    OpsPage(
            Dashboard dashboard,
            Flags flags,
            OutboxAdmin outbox,
            VerificationRuns verifications,
            LegacyWriteGuard guard,
            GuardPosture posture) {
        this.dashboard = dashboard;
        this.flags = flags;
        this.outbox = outbox;
        this.verifications = verifications;
        this.guard = guard;
        this.posture = posture;
    }

    @GetMapping({"/ops/", "/ops"})
    String show(Model model) {
        Optional<ReportRun> report = dashboard.latestReport();
        model.addAttribute("report", report.orElse(null));
        model.addAttribute(
                "reportAge", report.map(run -> age(run.generatedAt())).orElse(null));
        model.addAttribute("outbox", dashboard.outboxNow());
        model.addAttribute("flags", flags.all());
        model.addAttribute("choices", Map.of("boolean", List.of("true", "false"), "routing", Flag.ROUTING_MODES));
        model.addAttribute("blocked", outbox.list(OutboxEntry.Status.BLOCKED, 50));
        model.addAttribute("history", flags.history(20));
        model.addAttribute("verification", VerificationPanel.of(verifications));
        model.addAttribute("guardBlocking", guard.isBlocking());
        model.addAttribute("guard", posture.status());
        return "ops/index";
    }

    /** The charts' data for the page's script (the session's twin of {@code /api/admin/dashboard/series/}). */
    @GetMapping("/ops/series.json")
    @ResponseBody
    ResponseEntity<?> series(@RequestParam(defaultValue = "hour") String window) {
        return DashboardWindow.byLabel(window)
                .<ResponseEntity<?>>map(w -> ResponseEntity.ok(DashboardJson.series(dashboard.series(w))))
                .orElseGet(() -> badWindow(window));
    }

    @PostMapping("/ops/report")
    String runReport(@AuthenticationPrincipal SignedInUser me, RedirectAttributes redirect) {
        long started = System.nanoTime();
        dashboard.runReport(me.username());
        redirect.addFlashAttribute(
                "notice",
                "Validation report stored ("
                        + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms).");
        return "redirect:/ops/";
    }

    @PostMapping("/ops/flags")
    String changeFlag(
            @RequestParam String name,
            @RequestParam String value,
            @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInUser me,
            RedirectAttributes redirect) {
        Optional<Flag> flag = Flag.byName(name);
        if (flag.isEmpty()) {
            redirect.addFlashAttribute("error", "Unknown flag " + name + ".");
        } else if (reason.isBlank()) {
            redirect.addFlashAttribute("error", "Say why you change " + name + " (it goes to the audit trail).");
        } else {
            try {
                flags.change(flag.get(), value, FlagSource.RUNTIME, me.username(), reason.strip());
                redirect.addFlashAttribute(
                        "notice",
                        flag.get().variable() + " is now " + flags.value(flag.get())
                                + " on every instance (within a second).");
            } catch (InvalidFlagValueException e) {
                redirect.addFlashAttribute("error", e.getMessage());
            }
        }
        return "redirect:/ops/";
    }

    @PostMapping("/ops/outbox/unblock")
    String unblock(@RequestParam(required = false) Long id, RedirectAttributes redirect) {
        int count = outbox.unblock(id == null ? List.of() : List.of(id), id == null);
        redirect.addFlashAttribute("notice", count + " blocked outbox row(s) sent back to the dispatcher.");
        return "redirect:/ops/";
    }

    @PostMapping("/ops/outbox/retry")
    String retry(RedirectAttributes redirect) {
        int count = outbox.retryNow(List.of(), true);
        redirect.addFlashAttribute("notice", count + " waiting outbox row(s) made due now.");
        return "redirect:/ops/";
    }

    static ResponseEntity<FrameworkError> badWindow(String window) {
        return new FrameworkError("window must be hour or day (got '" + window + "').", FrameworkError.VALIDATION_ERROR)
                .status(HttpStatus.BAD_REQUEST);
    }

    /** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
    static String age(OffsetDateTime at) {
        long seconds = Math.max(0, Duration.between(at, OffsetDateTime.now()).toSeconds());
        if (seconds < 5) {
            return "just now";
        }
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " d ago";
    }
}
