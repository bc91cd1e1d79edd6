package gg.deltacrown.teams.web;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import gg.deltacrown.teams.AddedMember;
import gg.deltacrown.teams.InvalidInputException;
import gg.deltacrown.teams.Membership;
import gg.deltacrown.teams.Memberships;
import gg.deltacrown.teams.NewMember;
import gg.deltacrown.teams.Refusal;
import gg.deltacrown.teams.RefusedException;
import gg.deltacrown.teams.Region;
import gg.deltacrown.teams.RoleChange;
import gg.deltacrown.teams.TeamDetail;
import gg.deltacrown.teams.TeamRole;
import gg.deltacrown.teams.TeamSettings;
import gg.deltacrown.teams.Teams;
import gg.deltacrown.web.SignedInUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * {@code /organizations/teams/<slug>/}: the team, its roster and, for those who manage it, the
 * roster and settings forms (runbook Flows 2 to 5, "Via UI"). Every form posts, then redirects
 * back (POST-redirect-GET) with a notice or the errors next to the fields.
 */
@Controller
class TeamPage {

    private static final String PAGE = "/organizations/teams/{slug}/";

    private final Teams teams;
    private final Memberships memberships;

    TeamPage(Teams teams, Memberships memberships) {
        this.teams = teams;
        this.memberships = memberships;
    }

    record AddMemberForm(String userLookup, String role, boolean active) {}

    record SettingsForm(String region, String description, String preferredServer, String logoUrl, String bannerUrl) {}

    @GetMapping(PAGE)
    String show(@AuthenticationPrincipal SignedInUser me, @PathVariable String slug, Model model) {
        TeamDetail detail;
        try {
            detail = teams.detail(slug, me.id());
        } catch (RefusedException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("team", detail.team());
        model.addAttribute("members", detail.members());
        model.addAttribute(
                "game",
                Games.byId(detail.team().gameId())
                        .map(Game::name)
                        .orElse("Game " + detail.team().gameId()));
        model.addAttribute("canManage", teams.canManage(detail.team(), me.id()));
        model.addAttribute("roles", TeamRole.values());
        model.addAttribute("regions", Region.values());
        if (!model.containsAttribute("settings")) {
            model.addAttribute(
                    "settings",
                    new SettingsForm(
                            detail.team().region(),
                            detail.team().description(),
                            detail.team().preferredServer(),
                            orEmpty(detail.team().branding().logoUrl()),
                            orEmpty(detail.team().branding().bannerUrl())));
        }
        model.addAttribute(
                "addMember",
                model.containsAttribute("addMember")
                        ? model.getAttribute("addMember")
                        : new AddMemberForm("", TeamRole.PLAYER.name(), true));
        return "teams/detail";
    }

    @PostMapping(PAGE + "members/add")
    String addMember(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @ModelAttribute AddMemberForm form,
            RedirectAttributes redirect) {
        try {
            AddedMember added =
                    memberships.add(slug, me.id(), new NewMember(form.userLookup(), form.role(), null, form.active()));
            redirect.addFlashAttribute(
                    "notice",
                    added.member().username() + " added as " + added.member().roleLabel()
                            + (added.member().isActive() ? "." : " (invited)."));
        } catch (RefusedException e) {
            redirect.addFlashAttribute("addMember", form);
            redirect.addFlashAttribute("addMemberErrors", Map.of(fieldOf(e.refusal()), List.of(e.getMessage())));
        }
        return redirectTo(slug);
    }

    @PostMapping(PAGE + "members/{membershipId}/role")
    String changeRole(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @PathVariable long membershipId,
            @RequestParam String role,
            RedirectAttributes redirect) {
        try {
            Membership member = memberships.changeRole(slug, membershipId, me.id(), new RoleChange(role, null));
            redirect.addFlashAttribute("notice", member.username() + " is now " + member.roleLabel() + ".");
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return redirectTo(slug);
    }

    @PostMapping(PAGE + "members/{membershipId}/remove")
    String remove(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @PathVariable long membershipId,
            RedirectAttributes redirect) {
        try {
            memberships.remove(slug, membershipId, me.id());
            redirect.addFlashAttribute("notice", "Member removed.");
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return redirectTo(slug);
    }

    @PostMapping(PAGE + "settings")
    String settings(
            @AuthenticationPrincipal SignedInUser me,
            @PathVariable String slug,
            @ModelAttribute SettingsForm form,
            RedirectAttributes redirect) {
        try {
            teams.updateSettings(
                    slug,
                    me.id(),
                    new TeamSettings(
                            orEmpty(form.region()),
                            orEmpty(form.description()),
                            orEmpty(form.preferredServer()),
                            orEmpty(form.logoUrl()),
                            orEmpty(form.bannerUrl())));
            redirect.addFlashAttribute("notice", "Settings saved.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("settings", form);
            redirect.addFlashAttribute("settingsErrors", e.errors().byPath());
        } catch (RefusedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return redirectTo(slug);
    }

    /** Which input of the add-member form a refusal belongs next to (else the form's top). */
    private static String fieldOf(Refusal refusal) {
        return switch (refusal) {
            case MISSING_FIELDS, USER_NOT_FOUND, MEMBER_ALREADY_EXISTS -> "user_lookup";
            case INVALID_ROLE, OWNER_ALREADY_EXISTS, VALIDATION_ERROR -> "role";
            default -> "form";
        };
    }

    private static String redirectTo(String slug) {
        return "redirect:/organizations/teams/" + UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8) + "/";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
