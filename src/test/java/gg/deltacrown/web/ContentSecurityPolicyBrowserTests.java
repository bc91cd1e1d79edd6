package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.HeadlessChromium;
import gg.deltacrown.support.IntegrationTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages under their Content-Security-Policy in Chromium: every page an operator walks through
 * loads and works with nothing refused, and a script injected into a page (what an XSS would do)
 * is refused by the browser.
 */
@IntegrationTest
class ContentSecurityPolicyBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    HeadlessChromium chromium;
    Page page;
    List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openBrowser() {
        new AccountFixture(accounts).staff("operator");
        chromium = new HeadlessChromium();
        page = chromium.newPage();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                refused.add(message.text());
            }
        });
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theLoginTeamAndOpsPagesWorkWithNothingRefused() {
        page.navigate(url("/login"));
        page.fill("#username", "operator");
        page.fill("#password", AccountFixture.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(url("/teams/create/"));
        page.fill("#name", "Policy Team");
        page.selectOption("#gameId", "1");
        page.click("form.card button[type=submit]");
        page.waitForURL("**/organizations/teams/policy-team/");
        String header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
                .toString();
        page.navigate(url("/ops/"));

        assertThat(page.locator("h1").textContent()).isEqualTo("Operations");
        assertThat(header).as("the stylesheet applies").isEqualTo("flex");
        assertThat(refused).isEmpty();
    }

    @Test
    void anInjectedScriptDoesNotRun() {
        page.navigate(url("/login"));

        page.evaluate("""
                () => {
                  const script = document.createElement('script');
                  script.textContent = 'window.injected = true';
                  document.body.appendChild(script);
                }""");

        assertThat(page.evaluate("() => window.injected === true")).isEqualTo(false);
        assertThat(refused).anyMatch(message -> message.contains("script-src"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
