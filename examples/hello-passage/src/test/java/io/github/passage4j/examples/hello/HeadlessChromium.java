package io.github.passage4j.examples.hello;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The example's real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver} packages, at
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; other paths through the system properties
 * {@code chromium.binary} and {@code chromedriver.binary}) driven by Selenium WebDriver. Both paths are given to
 * Selenium, so Selenium Manager never downloads anything. Registered first in a test class, it fails the class at
 * once, before any server boots, when the browser is missing, saying what to install.
 */
final class HeadlessChromium implements BeforeAllCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary",
            "/usr/bin/chromedriver"));
    /** Warns that no CDP implementation matches the browser's version; the tests use none. Kept: loggers are weak. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @Override
    public void beforeAll(ExtensionContext context) {
        for (Path needed : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(context.getDisplayName() + " needs Chromium and its driver, but "
                        + needed + " is missing. Install Debian's packages (as root: apt-get update && "
                        + "DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; .ci/run does "
                        + "this), or point -Dchromium.binary and -Dchromedriver.binary at a Chromium and its "
                        + "matching chromedriver.");
            }
        }
    }

    /** A fresh browser with an empty profile of its own. */
    static ChromeDriver start() throws IOException {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path browserDir = Files.createDirectories(Path.of("target", "browser"));
        Files.createDirectories(SCREENSHOTS);
        // the driver found by that property too, in case anything asks Selenium to look for one
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Files.createTempFile(browserDir, "chromedriver-", ".log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1000,1000",
                        "--user-data-dir=" + Files.createTempDirectory(browserDir, "profile-").toAbsolutePath());
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    static WebDriverWait waiting(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
    /**
     * Ends a browser test's set-up in reverse order of its start: the browser, then the app, then whatever provider
     * the app signed in at, each even when an earlier one fails to stop.
     *
     * @param browser the browser, or {@code null} when it never started
     * @param app the app, or {@code null}
     * @param provider the provider, or {@code null}
     */
    static void stopAll(ChromeDriver browser, AutoCloseable app, AutoCloseable provider) throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (app != null) {
                app.close();
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
        }
    }
}
