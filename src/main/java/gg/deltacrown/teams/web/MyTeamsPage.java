package gg.deltacrown.teams.web;

import gg.deltacrown.games.Game;
import gg.deltacrown.games.Games;
import gg.deltacrown.teams.Teams;
import gg.deltacrown.teams.UserTeam;
import gg.deltacrown.web.SignedInUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /teams/}: the signed-in user's teams, with their role and game (linked from every page). */
@Controller
class MyTeamsPage {

    private final Teams teams;

    MyTeamsPage(Teams teams) {
        this.teams = teams;
    }

    record Row(String name, String url, String game, String region, String role) {}

    @GetMapping("/teams/")
    String show(@AuthenticationPrincipal SignedInUser me, Model model) {
        List<Row> rows = teams.ofUser(me.id()).stream().map(MyTeamsPage::row).toList();
        model.addAttribute("teams", rows);
        return "teams/mine";
    }

    private static Row row(UserTeam team) {
        String game = Games.byId(team.gameId()).map(Game::name).orElse("game " + team.gameId());
        return new Row(team.name(), "/organizations/teams/" + team.slug() + "/", game, team.region(), team.role());
    }
}
