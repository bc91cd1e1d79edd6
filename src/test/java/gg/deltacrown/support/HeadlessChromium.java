package gg.deltacrown.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright (no browser download: {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}), one per test; close
 * it in {@code @AfterEach} so a failed test leaves no Chromium behind.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;

    public HeadlessChromium() {
        playwright = Playwright.create();
        try {
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setHeadless(true)
                            .setExecutablePath(Paths.get("/usr/bin/chromium"))
                            .setArgs(ARGS));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Page newPage() {
        return browser.newPage();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
