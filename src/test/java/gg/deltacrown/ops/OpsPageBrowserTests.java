package gg.deltacrown.ops;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.HeadlessChromium;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An operator uses the ops page: sees a dead letter, unblocks it, flips a flag with a reason. */
@IntegrationTest
class OpsPageBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    VnextWrites vnext;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    JdbcTemplate jdbc;

    HeadlessChromium chromium;
    Page page;

    @BeforeEach
    void openBrowser() {
        new AccountFixture(accounts).staff("operator");
        new AccountFixture(accounts).player("testuser");
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
    void anOperatorUnblocksADeadLetterAndTurnsDualWriteOn() {
        Account owner = accounts.byUsername("testuser").orElseThrow();
        VnextWrites.Team team = vnext.createTeam(owner, "Stuck Team", 1, "NA");
        jdbc.update("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, actor_user_id, status, attempts,
                                                            blocked_reason, last_error)
                VALUES ('sync_team_created', ?, ?, 'BLOCKED', 10, 'max_attempts', 'permission denied for table teams_team')
                """, team.id(), owner.id());

        logIn("operator");
        page.navigate(url("/ops/"));
        assertThat(page.locator("h1")).hasText("Operations");
        assertThat(page.locator("dd.blocked")).hasText("1");
        Locator deadLetter = page.locator("table.blocked-rows tbody tr");
        assertThat(deadLetter).hasCount(1);
        assertThat(deadLetter).containsText("permission denied for table teams_team");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "ops-1-blocked.png")));

        deadLetter
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unblock"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("1 blocked outbox row(s) sent back to the dispatcher.");
        assertThat(page.locator("dd.blocked")).hasText("0");

        Locator dualWriteRow = page.locator("tr[data-flag=TEAM_VNEXT_DUAL_WRITE_ENABLED]");
        dualWriteRow.locator("select[name=value]").selectOption("true");
        dualWriteRow.getByPlaceholder("Reason").fill("Phase 2: enable dual-write");
        dualWriteRow
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("TEAM_VNEXT_DUAL_WRITE_ENABLED is now true");
        assertThat(page.locator("tr[data-flag=TEAM_VNEXT_DUAL_WRITE_ENABLED] .source"))
                .hasText(Pattern.compile("runtime by operator at .+"));
        assertThat(page.locator("#history")).containsText("Phase 2: enable dual-write");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "ops-2-flag.png")));
        Assertions.assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isTrue();
        // The unblocked row is dispatched after the page answered: await the verified map row.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> Assertions.assertThat(jdbc.queryForList(
                                "SELECT verified FROM organizations_migration_map WHERE vnext_team_id = ?",
                                Boolean.class,
                                team.id()))
                        .containsExactly(true));
    }

    @Test
    void isForStaffOnly() {
        logIn("testuser");
        page.navigate(url("/ops/"));

        assertThat(page.locator("h1")).not().hasText("Operations");
        Assertions.assertThat(page.content()).doesNotContain("Feature flags");
    }

    private void logIn(String username) {
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(AccountFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
