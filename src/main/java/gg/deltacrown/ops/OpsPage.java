package gg.deltacrown.ops;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.flags.InvalidFlagValueException;
import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxEntry;
import gg.deltacrown.validation.VerificationRuns;
import gg.deltacrown.web.SignedInUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' page ({@code /ops/}, staff only): flags with who changed them, the outbox with its
 * dead letters, and the actions of the rollback runbook, without a shell on the pod.
 */
@Controller
@ConditionalOnWebApplication
class OpsPage {

    private final Flags flags;
    private final OutboxAdmin outbox;
    private final VerificationRuns verifications;

    OpsPage(Flags flags, OutboxAdmin outbox, VerificationRuns verifications) {
        this.flags = flags;
        this.outbox = outbox;
        this.verifications = verifications;
    }

    @GetMapping({"/ops/", "/ops"})
    String show(Model model) {
        model.addAttribute("flags", flags.all());
        model.addAttribute("choices", Map.of("boolean", List.of("true", "false"), "routing", Flag.ROUTING_MODES));
        model.addAttribute("outbox", outbox.status());
        model.addAttribute("blocked", outbox.list(OutboxEntry.Status.BLOCKED, 50));
        model.addAttribute("recent", outbox.list(null, 20));
        model.addAttribute("history", flags.history(20));
        model.addAttribute("verification", VerificationPanel.of(verifications));
        return "ops/index";
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
}
