package gg.deltacrown.teams.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.HeadlessChromium;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A player's way around the pages: login that keeps the username, My teams, a logo that does not load. */
@IntegrationTest
class MyTeamsAndLoginBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    VnextWrites vnext;

    HeadlessChromium chromium;
    Page page;

    @BeforeEach
    void openBrowser() {
        chromium = new HeadlessChromium();
        page = chromium.newPage();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aFailedLoginKeepsTheUsernameAndShowsNoDemoLoginsOnARealDatabase() {
        new AccountFixture(accounts).player("testuser");
        page.navigate(url("/login"));
        page.getByLabel("Username").fill("testuser");
        page.getByLabel("Password").fill("wrong password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();

        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Invalid username or password.");
        assertThat(page.getByLabel("Username")).hasValue("testuser");
        assertThat(page.getByLabel("Password")).hasValue("");
        assertThat(page.getByLabel("Password")).isFocused();
        assertThat(page.locator(".demo-logins")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "login-kept.png")));
    }

    @Test
    void myTeamsListsTheUsersTeamsWithRoleAndGameAndABrokenLogoFallsBack() {
        Account owner = new AccountFixture(accounts).player("testuser");
        Account other = new AccountFixture(accounts).player("otheruser");
        vnext.createTeam(owner, "Zeta Squad", 1, "NA");
        vnext.createTeam(owner, "Alpha Squad", 2, "EU");
        vnext.createTeam(other, "Not Mine", 1, "NA");

        page.navigate(url("/login"));
        page.getByLabel("Username").fill("testuser");
        page.getByLabel("Password").fill(AccountFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My teams"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/teams/$"));
        assertThat(page.locator("table.my-teams tbody tr")).hasCount(2);
        assertThat(page.locator("table.my-teams tbody tr").first()).containsText("Alpha Squad");
        assertThat(page.locator("table.my-teams tbody tr").first()).containsText("OWNER");
        assertThat(page.locator("table.my-teams")).not().containsText("Not Mine");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "my-teams.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Zeta Squad"))
                .click();
        // The team's logo URL points nowhere reachable: the default logo is shown instead.
        assertThat(page.locator("img.logo")).hasAttribute("src", "/static/images/default_team_logo.png");
        Assertions.assertThat(page.locator("img.logo").evaluate("img => img.naturalWidth"))
                .isNotEqualTo(0);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
