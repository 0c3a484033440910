package io.github.passage4j.examples.hello;

import io.github.passage4j.provider.LocalPassageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's sign-in in a real browser ({@link HeadlessChromium}) through the same app and provider as
 * {@link HelloPassageIT}. A screenshot of every step goes to {@code target/screenshots/}.
 */
class BrowserSignInIT {

    private static ChromeDriver browser;
    private static URI app;
    private static URI provider;

    /** First, before Payara Micro boots: without a browser the test fails at once, saying what to install. */
    @RegisterExtension
    @Order(1)
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    @RegisterExtension
    @Order(2)
    static final ExampleServers SERVERS = new ExampleServers();

    @BeforeAll
    static void startBrowser() throws IOException {
        app = ExampleServers.get().app().base();
        provider = ExampleServers.get().provider().issuer();
        browser = HeadlessChromium.start();
    }

    /** Each test starts signed out: the app's and the provider's cookies (both on localhost) are gone. */
    @BeforeEach
    void signedOut() {
        browser.get(app.toString());
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriverWait waiting() {
        return HeadlessChromium.waiting(browser);
    }

    private static void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    @Test
    void signInAsAliceSeeTheProfileThenSignOut() throws IOException {
        browser.get(app.toString());
        waiting().until(ExpectedConditions.titleIs("Hello Passage"));
        screenshot("01-home-signed-out");
        WebElement signIn = browser.findElement(By.xpath("//button[normalize-space()='Sign in with Passage']"));

        signIn.click();
        waiting().until(ExpectedConditions.urlContains(provider + "/authorize"));
        By alice = By.cssSelector("button[name='user'][value='user-alice']");
        waiting().until(ExpectedConditions.elementToBeClickable(alice));
        assertTrue(text(By.id("client")).contains(ExampleServers.CLIENT_ID), browser.getPageSource());
        screenshot("02-provider-login");

        browser.findElement(alice).click();
        waiting().until(ExpectedConditions.urlToBe(app.resolve("/profile").toString()));
        String json = text(By.tagName("pre"));
        for (String expected : new String[] {"\"sub\":\"user-alice\"", "\"email\":\"alice@example.com\"",
                "\"email_verified\":true", "\"phone\":\"+15555550100\"", "\"iss\":\"" + provider + "\""}) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }
        screenshot("03-profile-json");

        browser.get(app.toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertEquals("alice@example.com", text(By.id("signed-in-as")));
        String claims = text(By.id("claims"));
        for (String expected : new String[] {"sub user-alice", "email alice@example.com", "email_verified true",
                "phone +15555550100", "aud hello-passage"}) {
            assertTrue(claims.contains(expected), expected + " in " + claims);
        }
        screenshot("04-home-signed-in");

        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        // /logout posts the browser on to the provider's end-session endpoint, which sends it back to /
        waiting().until(driver -> {
            URI at = URI.create(driver.getCurrentUrl());
            return app.getAuthority().equals(at.getAuthority()) && "/".equals(at.getPath())
                    && !driver.findElements(By.id("sign-in")).isEmpty();
        });
        assertTrue(URI.create(browser.getCurrentUrl()).getQuery().startsWith("state="), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.id("claims")).isEmpty(), "no profile once signed out");
        screenshot("05-home-signed-out-again");

        browser.get(app.resolve("/profile").toString());
        waiting().until(ExpectedConditions.urlContains(provider + "/authorize"));
        assertTrue(browser.findElements(By.cssSelector("button[name='user']")).size() >= 2,
                "signed out: /profile asks to sign in again");
        screenshot("06-profile-asks-to-sign-in-again");
    }

    @Test
    void aPageThatNeedsAStrongerAcrSendsTheBrowserBackToTheProviderAndThenShowsIt() throws IOException {
        browser.get(app.resolve("/passage/signin?return=/").toString());
        By alice = By.cssSelector("button[name='user'][value='user-alice']");
        waiting().until(ExpectedConditions.elementToBeClickable(alice)).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertTrue(browser.findElements(By.xpath("//tr[th='acr']")).isEmpty(), "a plain sign-in names no acr");

        browser.findElement(By.id("account")).click();
        // the signed-in browser is sent back to the provider, asking for the second factor
        waiting().until(ExpectedConditions.urlContains(provider + "/authorize"));
        assertTrue(browser.getCurrentUrl().contains("acr_values=" + java.net.URLEncoder.encode(
                LocalPassageProvider.ACR_MFA, java.nio.charset.StandardCharsets.UTF_8)), browser.getCurrentUrl());
        screenshot("07-step-up-at-the-provider");

        waiting().until(ExpectedConditions.elementToBeClickable(alice)).click();
        waiting().until(ExpectedConditions.urlToBe(app.resolve("/account").toString()));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("acr")));
        assertEquals(LocalPassageProvider.ACR_MFA, text(By.id("acr")));
        screenshot("08-account-after-step-up");

        browser.get(app.resolve("/account").toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("acr")));
        assertEquals(app.resolve("/account").toString(), browser.getCurrentUrl(), "met now: no second trip");
    }
}
