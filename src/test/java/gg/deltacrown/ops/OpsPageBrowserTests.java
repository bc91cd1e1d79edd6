package gg.deltacrown.ops;

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
        assertThat(page.locator("#guard"))
                .containsText("guard enforced: the service's role (deltacrown_app) cannot disable it");
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
        dualWriteRow
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change"))
                .click();
        Locator dialog = page.locator("#change-TEAM_VNEXT_DUAL_WRITE_ENABLED");
        assertThat(dialog).isVisible();
        dialog.locator("select[name=value]").selectOption("true");
        dialog.getByPlaceholder("Reason").fill("Phase 2: enable dual-write");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "ops-2-dialog.png")));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("TEAM_VNEXT_DUAL_WRITE_ENABLED is now true");
        assertThat(page.locator("tr[data-flag=TEAM_VNEXT_DUAL_WRITE_ENABLED] .source"))
                .hasText(Pattern.compile("runtime by operator at .+"));
        assertThat(page.locator("#history")).containsText("Phase 2: enable dual-write");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "ops-3-flag.png")));
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
    void theDashboardShowsTheDatabasesNumbersAndChartsAt1280And420Pixels() {
        Account owner = accounts.byUsername("testuser").orElseThrow();
        vnext.createTeam(owner, "Dashboard Team", 1, "NA");
        OutboxHistory history = new OutboxHistory(jdbc);
        for (long lag : new long[] {100, 200, 300, 400}) {
            history.completed(10, 5, lag);
        }
        history.completedLater(70, 8);
        history.pending(3);
        long blocked = history.blocked(3, "permission denied for table teams_team");
        history.failAttempt(blocked, "permission denied for table teams_team");
        history.failAttempt(blocked, "permission denied for table teams_team");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "operator", "Phase 2");

        logIn("operator");
        page.navigate(url("/ops/"));
        assertThat(page.locator("#report-age")).containsText("No stored validation report yet");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run report now"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Validation report stored");
        assertThat(page.locator("#report-age")).containsText("by operator");

        for (int width : new int[] {1280, 420}) {
            page.setViewportSize(width, 900);
            page.navigate(url("/ops/"));
            assertThat(stat("vnext_teams")).hasText(count("SELECT count(*) FROM organizations_team"));
            assertThat(stat("legacy_teams")).hasText(count("SELECT count(*) FROM teams_team WHERE is_active"));
            assertThat(stat("total_mappings")).hasText(count("SELECT count(*) FROM organizations_migration_map"));
            assertThat(stat("pending"))
                    .hasText(count("SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'"));
            assertThat(stat("blocked"))
                    .hasText(count("SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'BLOCKED'"));
            assertThat(stat("failed_last_hour")).hasText("2");
            assertThat(page.locator("#charts")).hasAttribute("data-rendered", "true");
            assertThat(page.locator("#chart-throughput")).hasAttribute("data-totals", "{\"Completed\":5,\"Failed\":2}");
            assertThat(page.locator("#chart-backlog")).hasAttribute("data-points", "60");
            assertThat(page.locator("#flag-markers li")).containsText(new String[] {"TEAM_VNEXT_DUAL_WRITE_ENABLED"});
            Assertions.assertThat(pixelsOfColor("#chart-throughput canvas", 6, 118, 71))
                    .as("the completed line is drawn")
                    .isGreaterThan(20);
            Assertions.assertThat(pixelsOfColor("#chart-throughput canvas", 180, 35, 24))
                    .as("the failed line is drawn")
                    .isGreaterThan(20);
            Assertions.assertThat(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no horizontal overflow at %d px", width)
                    .isEqualTo(0);
            page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(Paths.get("target", "screenshots", "ops-dashboard-" + width + ".png")));
        }

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Last day"))
                .click();
        assertThat(page.locator("#charts")).hasAttribute("data-window", "day");
        assertThat(page.locator("#chart-backlog")).hasAttribute("data-points", "1440");
    }

    @Test
    void isForStaffOnly() {
        logIn("testuser");
        page.navigate(url("/ops/"));

        assertThat(page.locator("h1")).not().hasText("Operations");
        Assertions.assertThat(page.content()).doesNotContain("Feature flags");
    }

    private Locator stat(String name) {
        return page.locator("dd[data-stat=" + name + "]");
    }

    private String count(String sql) {
        return String.valueOf(jdbc.queryForObject(sql, Long.class));
    }

    /** Pixels of about this colour on the canvas: proof that a series was drawn, not only set up. */
    private int pixelsOfColor(String canvas, int red, int green, int blue) {
        Object count = page.locator(canvas).evaluate("""
                (canvas, [r, g, b]) => {
                  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  let n = 0;
                  for (let i = 0; i < data.length; i += 4) {
                    if (Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24
                        && data[i + 3] > 200) n++;
                  }
                  return n;
                }""", java.util.List.of(red, green, blue));
        return ((Number) count).intValue();
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
