package gg.deltacrown.migration.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.HeadlessChromium;
import gg.deltacrown.support.IntegrationTest;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A strict-mode shadow write that fails behind a page form: the form's page comes back with "The
 * change could not be saved", and nothing was saved. A user without a profile cannot have a legacy
 * membership, which makes the shadow write fail for real.
 */
@IntegrationTest
class DualWriteFailurePagesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    HeadlessChromium chromium;
    Page page;

    @BeforeEach
    void strictModeAndABrowser() {
        AccountFixture fixture = new AccountFixture(accounts);
        fixture.player("testuser");
        Account ghost = fixture.player("ghost");
        DatabaseOwner.jdbc(environment, jdbc.getDataSource())
                .update("DELETE FROM user_profile_userprofile WHERE user_id = ?", ghost.id());
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "strict pages");
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict pages");
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
    void aRefusedShadowWriteShowsTheFormsPageAgainAndSavesNothing() {
        page.navigate(url("/login"));
        logIn("testuser");
        page.navigate(url("/teams/create/"));
        page.getByLabel("Team Name").fill("Strict Page Team");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/organizations/teams/strict-page-team/$"));

        page.getByText("Add Member").click();
        Locator addForm = page.locator("details.add-member form");
        addForm.getByLabel("Username or Email").fill("ghost");
        addForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/organizations/teams/strict-page-team/$"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText(DualWriteFailures.NOT_SAVED);
        assertThat(page.locator("tr[data-username='ghost']")).hasCount(0);
        Assertions.assertThat(count("organizations_membership")).isEqualTo(1);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        logIn("ghost");
        page.navigate(url("/teams/create/"));
        page.getByLabel("Team Name").fill("Ghost Page Team");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Team"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/teams/create/$"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText(DualWriteFailures.NOT_SAVED);
        Assertions.assertThat(count("organizations_team")).isEqualTo(1);
        Assertions.assertThat(count("teams_team")).isEqualTo(1);
    }

    private void logIn(String username) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(AccountFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
