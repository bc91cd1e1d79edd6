package gg.deltacrown.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (Spring Security handles its POST) and the start page. */
@Controller
@ConditionalOnWebApplication
class PageController {

    @GetMapping("/login")
    String login() {
        return "auth/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/teams/create/";
    }
}
