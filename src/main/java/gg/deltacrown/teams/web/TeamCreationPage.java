package gg.deltacrown.teams.web;

import gg.deltacrown.games.Games;
import gg.deltacrown.teams.Branding;
import gg.deltacrown.teams.CreatedTeam;
import gg.deltacrown.teams.FieldErrors;
import gg.deltacrown.teams.InvalidInputException;
import gg.deltacrown.teams.NewTeam;
import gg.deltacrown.teams.Refusal;
import gg.deltacrown.teams.RefusedException;
import gg.deltacrown.teams.Region;
import gg.deltacrown.teams.Teams;
import gg.deltacrown.web.SignedInUser;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** {@code /teams/create/}: the team creation form (runbook Flow 1, "Via UI"). */
@Controller
class TeamCreationPage {

    private final Teams teams;

    TeamCreationPage(Teams teams) {
        this.teams = teams;
    }

    /** What the form posts; every field is text, as a browser sends it. */
    record CreateTeamForm(String name, String gameId, String region, String logoUrl) {
        static CreateTeamForm empty() {
            return new CreateTeamForm("", "", "", "");
        }
    }

    @GetMapping("/teams/create/")
    String form(Model model) {
        // An error flashed by a redirect back here (a listener of the creation refused it).
        return page(model, CreateTeamForm.empty(), Map.of(), (String) model.getAttribute("error"));
    }

    @PostMapping("/teams/create/")
    String create(@AuthenticationPrincipal SignedInUser me, @ModelAttribute CreateTeamForm form, Model model) {
        NewTeam team = new NewTeam(
                form.name(),
                number(form.gameId()),
                null,
                form.region(),
                new Branding(form.logoUrl(), null, null, null, null));
        try {
            CreatedTeam created = teams.create(me.id(), team);
            return "redirect:" + created.url();
        } catch (InvalidInputException e) {
            return page(model, form, e.errors().byPath(), null);
        } catch (RefusedException e) {
            if (e.refusal() == Refusal.ONE_TEAM_PER_GAME) {
                return page(
                        model,
                        form,
                        new FieldErrors().add("game_id", e.safeMessage()).byPath(),
                        null);
            }
            return page(model, form, Map.of(), e.safeMessage() != null ? e.safeMessage() : e.getMessage());
        }
    }

    private static String page(Model model, CreateTeamForm form, Map<String, List<String>> errors, String error) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        model.addAttribute("games", Games.all());
        model.addAttribute("regions", Region.values());
        return "teams/create";
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
