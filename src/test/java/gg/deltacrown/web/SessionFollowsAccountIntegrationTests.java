package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.DatabaseOwner;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.PageSession;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A page session sees the account as it is now, not as it was at login: what an operator whose
 * staff rights were taken away by SQL, a deactivated user and a deleted user get on their next
 * request, with the session cookie and CSRF token they already hold.
 */
@IntegrationTest
class SessionFollowsAccountIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Flags flags;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    JdbcTemplate owner;
    Account operator;
    Account alice;

    @BeforeEach
    void setUp() {
        owner = DatabaseOwner.jdbc(environment, dataSource);
        operator = new AccountFixture(accounts).staff("operator");
        alice = new AccountFixture(accounts).player("alice");
    }

    @Test
    void aDestaffedOperatorIsRefusedTheNextOpsPostAndTheFlagStays() {
        PageSession browser = signedIn("operator");
        assertThat(browser.get("/ops/").statusCode()).isEqualTo(200);

        owner.update("UPDATE accounts_user SET is_staff = false WHERE id = ?", operator.id());
        HttpResponse<String> change = browser.post(
                "/ops/flags", Map.of("name", "TEAM_VNEXT_DUAL_WRITE_ENABLED", "value", "true", "reason", "x"));

        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(flags.isOn(Flag.DUAL_WRITE_ENABLED)).isFalse();
        assertThat(browser.get("/ops/").statusCode()).isEqualTo(403);
        assertThat(browser.get("/teams/create/").body()).doesNotContain("href=\"/ops/\"");
    }

    @Test
    void aPromotionTakesEffectWithoutLoggingInAgain() {
        PageSession browser = signedIn("alice");
        assertThat(browser.get("/ops/").statusCode()).isEqualTo(403);

        owner.update("UPDATE accounts_user SET is_staff = true WHERE id = ?", alice.id());

        assertThat(browser.get("/ops/").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeactivatedAccountIsSignedOutAndCannotWriteThroughPages() {
        PageSession browser = signedIn("alice");
        browser.get("/teams/create/");

        owner.update("UPDATE accounts_user SET is_active = false WHERE id = ?", alice.id());
        HttpResponse<String> create =
                browser.post("/teams/create/", Map.of("name", "Ghost Team", "gameId", "1", "region", "NA"));

        assertThat(create.statusCode()).isEqualTo(302);
        assertThat(create.headers().firstValue("Location")).hasValue("/login");
        assertThat(owner.queryForObject("SELECT count(*) FROM organizations_team", Integer.class))
                .isZero();
        owner.update("UPDATE accounts_user SET is_active = true WHERE id = ?", alice.id());
        assertThat(browser.get("/teams/create/").statusCode())
                .as("the session ended: reactivation does not bring it back")
                .isEqualTo(302);
    }

    @Test
    void aDeletedAccountIsSignedOutNotA500() {
        PageSession browser = signedIn("alice");

        owner.update("DELETE FROM user_profile_userprofile WHERE user_id = ?", alice.id());
        owner.update("DELETE FROM accounts_user WHERE id = ?", alice.id());
        HttpResponse<String> page = browser.get("/teams/create/");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
    }

    private PageSession signedIn(String username) {
        PageSession browser = new PageSession(port);
        HttpResponse<String> login = browser.login(username, AccountFixture.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/teams/create/");
        return browser;
    }
}
