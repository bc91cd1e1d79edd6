package gg.deltacrown.teams.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.HeadlessChromium;
import gg.deltacrown.support.IntegrationTest;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runbook's "Via UI" steps in headless Chromium: log in, create a team through the form, add
 * testmember, change the role, remove them. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class TeamPagesBrowserTests {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    HeadlessChromium chromium;
    Page page;

    @BeforeEach
    void openBrowser() {
        AccountFixture fixture = new AccountFixture(accounts);
        fixture.player("testuser");
        fixture.player("testmember");
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
    void createsATeamThenAddsChangesAndRemovesAMember() {
        page.navigate(url("/teams/create/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        logIn("testuser");
        assertThat(page).hasURL(Pattern.compile(".*/teams/create/(\\?continue)?$"));

        page.getByLabel("Team Name").fill("Staging Test Team Beta");
        page.getByLabel("Game").selectOption("1");
        page.getByLabel("Region").selectOption("NA");
        screenshot("1-create-form");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/organizations/teams/staging-test-team-beta/$"));
        assertThat(page.locator("h1")).hasText("Staging Test Team Beta");
        assertThat(page.locator(".region")).hasText("NA");
        assertThat(memberRow("testuser").locator(".role")).hasText("Owner");
        screenshot("2-team-page");

        page.getByText("Add Member").click();
        Locator addForm = page.locator("details.add-member form");
        addForm.getByLabel("Username or Email").fill("testmember");
        addForm.getByLabel("Role").selectOption("PLAYER");
        assertThat(addForm.getByLabel("Active")).isChecked();
        screenshot("3-add-member-form");
        addForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("testmember added as Player.");
        assertThat(memberRow("testmember").locator(".role")).hasText("Player");
        String membershipId = memberRow("testmember").getAttribute("data-membership-id");
        screenshot("4-member-added");

        memberRow("testmember").locator("select[name=role]").selectOption("SUBSTITUTE");
        memberRow("testmember")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change role"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("testmember is now Substitute.");
        assertThat(memberRow("testmember").locator(".role")).hasText("Substitute");
        screenshot("5-role-changed");

        memberRow("testmember")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Member removed.");
        assertThat(memberRow("testmember")).hasCount(0);
        assertThat(page.locator("tr[data-username]")).hasCount(1);
        screenshot("6-member-removed");

        Assertions.assertThat(jdbc.queryForMap(
                        "SELECT role, status, left_reason FROM organizations_membership WHERE id = ?",
                        Long.parseLong(membershipId)))
                .containsEntry("role", "SUBSTITUTE")
                .containsEntry("status", "INACTIVE")
                .containsEntry("left_reason", "Removed by manager");
    }

    @Test
    void showsErrorsNextToTheFieldsTheyBelongTo() {
        page.navigate(url("/login"));
        logIn("testuser");

        page.navigate(url("/teams/create/"));
        page.getByLabel("Team Name").fill("ab");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();
        assertThat(page.locator("#name + .field-error")).hasText("Ensure this field has at least 3 characters.");
        assertThat(page.getByLabel("Team Name")).hasAttribute("aria-invalid", "true");
        screenshot("7-create-error");

        page.getByLabel("Team Name").fill("Error Team");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/organizations/teams/error-team/$"));
        page.getByText("Add Member").click();
        Locator addForm = page.locator("details.add-member form");
        addForm.getByLabel("Username or Email").fill("nobody");
        addForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add"))
                .click();

        assertThat(page.locator("#userLookup + .field-error")).hasText("User not found");
        assertThat(page.locator("details.add-member")).hasAttribute("open", "open");
        assertThat(page.getByLabel("Username or Email")).hasValue("nobody");
        screenshot("8-add-member-error");

        page.locator("#settings-region").selectOption("EU");
        page.getByLabel("Description").fill("Updated from the page");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.locator(".region")).hasText("EU");
        assertThat(page.locator(".description")).hasText("Updated from the page");
    }

    @Test
    void aMemberWhoDoesNotManageTheTeamSeesNoForms() {
        page.navigate(url("/login"));
        logIn("testuser");
        page.navigate(url("/teams/create/"));
        page.getByLabel("Team Name").fill("Read Only Team");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?logout$"));

        logIn("testmember");
        page.navigate(url("/organizations/teams/read-only-team/"));

        assertThat(page.locator("h1")).hasText("Read Only Team");
        assertThat(page.getByText("Add Member")).hasCount(0);
        assertThat(page.locator("#settings")).hasCount(0);
        page.navigate(url("/organizations/teams/no-such-team/"));
        assertThat(page.locator("h1")).hasText("Page not found");
    }

    private void logIn(String username) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(AccountFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
    }

    private Locator memberRow(String username) {
        return page.locator("tr[data-username='" + username + "']");
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
