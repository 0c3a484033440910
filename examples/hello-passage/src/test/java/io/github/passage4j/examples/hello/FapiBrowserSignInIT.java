package io.github.passage4j.examples.hello;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.RecordedRequest;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app, unchanged, as a FAPI 2.0 client in a real browser: the operator adds only configuration
 * ({@code PASSAGE_SECURITY_PROFILE=fapi-2.0}, {@code PASSAGE_CLIENT_KEY}, {@code PASSAGE_ID_TOKEN_SIGNING_ALG=ES256}),
 * and the local provider behaves as a FAPI 2.0 provider: pushed requests only, {@code private_key_jwt} with the key
 * it fetches from the app's {@code /passage/jwks}, DPoP-bound tokens, ES256. The browser clicks through the sign-in
 * and sees the profile.
 */
class FapiBrowserSignInIT {

    private static final String CLIENT_ID = "hello-passage-fapi";

    @RegisterExtension
    @Order(1)
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    private static final LocalPassageProviderExtension PASSAGE = LocalPassageProviderExtension.builder()
            .client(CLIENT_ID, "unused-under-fapi-2.0")
            .user(LocalPassageProviderExtension.ALICE)
            .build();

    private static PayaraMicroApp app;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(PASSAGE.environment());   // starts the provider
        environment.put("PASSAGE_SECURITY_PROFILE", "fapi-2.0");
        environment.put("PASSAGE_CLIENT_KEY", new ECKeyGenerator(Curve.P_256).generate().toJSONString());
        environment.put("PASSAGE_ID_TOKEN_SIGNING_ALG", "ES256");
        Path target = Path.of("target");
        app = PayaraMicroApp.start(target.resolve("payara-micro.jar"), target.resolve("hello-passage.war"),
                Path.of("src/demo/payara-preboot.asadmin"), environment,
                Files.createDirectories(target.resolve("it")).resolve("payara-micro-fapi.log"));
        PASSAGE.provider().behaviour()
                .tokenEndpointAuthMethods("private_key_jwt")
                .requireIssuerAsAssertionAudience(true)
                .requirePushedAuthorizationRequests(true)
                .clientJwksUri(CLIENT_ID, app.base().resolve("/passage/jwks"))
                .signIdTokensWithEcKey()
                .signAccessTokensWithEcKey();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.stopAll(browser, app, PASSAGE::close);
    }

    @Test
    void aFapi2SignInInARealBrowser() throws Exception {
        LocalPassageProvider provider = PASSAGE.provider();
        browser.get(app.base().toString());
        HeadlessChromium.waiting(browser).until(ExpectedConditions.titleIs("Hello Passage"));
        browser.findElement(By.xpath("//button[normalize-space()='Sign in with Passage']")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains(provider.issuer() + "/authorize"));
        // RFC 9126 4: the browser carries a reference to the pushed request, nothing of the request itself
        assertEquals(Set.of("client_id", "request_uri"),
                provider.lastRequest(Endpoint.AUTHORIZE).orElseThrow().parameters().keySet());
        By alice = By.cssSelector("button[name='user'][value='user-alice']");
        HeadlessChromium.waiting(browser).until(ExpectedConditions.elementToBeClickable(alice));
        HeadlessChromium.screenshot(browser, "fapi-01-provider-login");

        browser.findElement(alice).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlToBe(app.base().resolve("/profile").toString()));
        String json = browser.findElement(By.tagName("pre")).getText();
        assertTrue(json.contains("\"sub\":\"user-alice\""), json);
        HeadlessChromium.screenshot(browser, "fapi-02-profile-json");

        RecordedRequest pushed = provider.lastRequest(Endpoint.PAR).orElseThrow();
        RecordedRequest redeemed = provider.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertNotNull(pushed.parameter("client_assertion"), "the push authenticated by private_key_jwt");
        assertNotNull(pushed.parameter("dpop_jkt"), "the code bound to the session's DPoP key");
        assertNotNull(redeemed.parameter("client_assertion"), "the redemption authenticated by private_key_jwt");
        assertTrue(redeemed.headers().containsKey("dpop"), "the redemption proves the DPoP key");
        assertEquals(null, redeemed.parameter("client_secret"));
        RecordedRequest userinfo = provider.lastRequest(Endpoint.USERINFO).orElseThrow();
        assertTrue(userinfo.headers().get("authorization").get(0).startsWith("DPoP "),
                "userinfo called with the DPoP-bound token");
        assertTrue(userinfo.headers().containsKey("dpop"), "and a proof of its key");
    }
}
