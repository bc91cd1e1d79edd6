package gg.deltacrown.validation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import gg.deltacrown.support.VnextWrites;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The scheduled full verification: a legacy write made behind the service's back (raw SQL while
 * the guard is off) is found by the next scheduled run, and shows in the metrics and on
 * {@code /ops/}. A context of its own (the schedule is off everywhere else), closed after the class.
 */
@IntegrationTest
@TestPropertySource(properties = {"deltacrown.verification.interval=1s", "deltacrown.verification.tick=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduledVerificationBrowserTests {

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

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Autowired
    VerificationRuns runs;

    @Test
    void aWriteBehindTheServicesBackShowsInTheMetricsAndOnTheOpsPage() throws Exception {
        new AccountFixture(accounts).staff("operator");
        Account owner = new AccountFixture(accounts).player("owner");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "scheduled verification");
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "shadow written inline");
        VnextWrites.Team team = vnext.createTeam(owner, "Watched Team", 1, "NA");
        awaitLatest(run -> run.comparedPairs() == 1 && "CLEAN".equals(run.outcome()));

        flags.change(Flag.LEGACY_WRITE_BLOCKED, "false", FlagSource.RUNTIME, "test", "another app writes");
        DatabaseOwner.jdbc(environment, jdbc.getDataSource())
                .update(
                        "UPDATE teams_team SET name = 'Renamed In Django' WHERE id = (SELECT legacy_team_id"
                                + " FROM organizations_migration_map WHERE vnext_team_id = ?)",
                        team.id());
        flags.change(Flag.LEGACY_WRITE_BLOCKED, "true", FlagSource.RUNTIME, "test", "blocked again");

        VerificationRun found = awaitLatest(run -> "DRIFT".equals(run.outcome()));
        assertThat(found.drifted()).containsExactly(java.util.Map.entry("name", 1L));
        assertThat(found.samples())
                .extracting(ValidationReport.DriftSample::vnextTeamId)
                .containsExactly(team.id());
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(prometheus())
                        .contains("deltacrown_drift_pairs{kind=\"name\"} 1.0")
                        .contains("deltacrown_drift_pairs{kind=\"membership_role\"} 0.0")
                        .containsPattern("deltacrown_verification_last_run_timestamp_seconds [0-9.E]+")
                        .containsPattern("deltacrown_verification_duration_seconds [0-9.E]+")
                        .contains("deltacrown_verification_last_run_failed 0.0"));

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Page page = chromium.newPage();
            page.navigate(url("/login"));
            page.getByLabel("Username").fill("operator");
            page.getByLabel("Password").fill(AccountFixture.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                    .click();
            page.navigate(url("/ops/"));
            assertThat(page.locator("#verification .outcome")).hasText("DRIFT");
            assertThat(page.locator("#verification tr[data-kind=name] .count")).hasText("1");
            assertThat(page.locator("#verification .age")).hasText(Pattern.compile("\\d+ s ago"));
            assertThat(page.locator("#verification .schedule")).hasText("every 1s");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", "ops-3-full-verification.png")));
        }
    }

    @Test
    void runsOnOneInstanceAtATime() throws Exception {
        try (Connection other = dataSource.getConnection();
                Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + VerificationRuns.LOCK_KEY + ")");
            assertThat(runs.run(false)).as("another instance holds the lock").isEmpty();
            statement.execute("SELECT pg_advisory_unlock(" + VerificationRuns.LOCK_KEY + ")");
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> runs.run(false).isPresent());
    }

    private VerificationRun awaitLatest(java.util.function.Predicate<VerificationRun> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> runs.latest().orElse(null), run -> run != null && condition.test(run));
    }

    private String prometheus() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/actuator/prometheus")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
