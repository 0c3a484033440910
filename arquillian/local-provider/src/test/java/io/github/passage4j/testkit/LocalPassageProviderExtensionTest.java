package io.github.passage4j.testkit;

import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension as a user registers it: started, injected, reset between tests, and signing a browser in. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPassageProviderExtensionTest {

    @RegisterExtension
    static LocalPassageProviderExtension passage = LocalPassageProviderExtension.builder()
            .client("tiny-app", "tiny-secret")
            .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true).build())
            .user("user-carol", "carol@example.com")
            .build();

    private static TinyApp app;

    @BeforeAll
    static void startApp(PassageSettings settings) throws IOException {
        app = new TinyApp(settings);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    @Order(1)
    void theProviderIsStartedAndInjected(LocalPassageProvider provider, PassageSettings settings) {
        assertSame(passage.provider(), provider);
        assertEquals("127.0.0.1", provider.issuer().getHost());
        assertTrue(provider.port() > 0);
        assertEquals(200, new PassageBrowser().get(provider.endpoint(Endpoint.DISCOVERY)).statusCode());
        assertEquals(PassageSettings.of(provider.issuer(), "tiny-app", "tiny-secret"), settings);
    }

    @Test
    @Order(2)
    void theSettingsPointAnAppAtIt() throws IOException {
        String issuer = passage.issuer().toString();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("passage.issuer", issuer);
        expected.put("passage.client-id", "tiny-app");
        expected.put("passage.client-secret", "tiny-secret");
        assertEquals(expected, passage.settingsMap());
        assertEquals(Map.of("PASSAGE_ISSUER", issuer, "PASSAGE_CLIENT_ID", "tiny-app",
                "PASSAGE_CLIENT_SECRET", "tiny-secret"), passage.environment());
        assertEquals(issuer, passage.systemProperties().getProperty("passage.issuer"));
        Properties file = new Properties();
        file.load(new StringReader(passage.microprofileConfigProperties()));
        assertEquals(expected, toMap(file));
    }

    @Test
    @Order(3)
    void aTestMakesItMisbehave(LocalPassageProvider provider) {
        provider.behaviour().fail(Endpoint.DISCOVERY, Fault.serverError());
        assertEquals(500, new PassageBrowser().get(provider.endpoint(Endpoint.DISCOVERY)).statusCode());
    }

    @Test
    @Order(4)
    void theNextTestFindsItReset(LocalPassageProvider provider) {
        assertEquals(200, new PassageBrowser().get(provider.endpoint(Endpoint.DISCOVERY)).statusCode());
    }

    @Test
    @Order(5)
    void eachBrowserParameterIsANewProfile(PassageBrowser one, PassageBrowser other) {
        assertNotSame(one, other);
    }

    @Test
    @Order(6)
    void aBrowserSignsInAsASeededUser(PassageBrowser browser) {
        URI page = app.url("/protected");
        HttpResponse<String> signedIn = browser.signIn(page, "user-alice");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals(page, signedIn.uri());
        assertEquals("Hello user-alice alice@example.com", signedIn.body());
        assertTrue(browser.cookie(page, "app-session").isPresent());
        assertEquals(200, browser.get(page).statusCode(), "the session cookie is sent");
        assertEquals(302, new PassageBrowser().get(page).statusCode(), "another browser is not signed in");
        assertEquals(page, browser.hops().get(browser.hops().size() - 1));
    }

    @Test
    @Order(7)
    void aBrowserSignsInAsATypedUser(PassageBrowser browser) {
        HttpResponse<String> signedIn = browser.signInWith(app.url("/protected"), "dave@example.com", true, null,
                false);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals("Hello " + PassageUser.derivedSubject("dave@example.com", null) + " dave@example.com",
                signedIn.body());
    }

    @Test
    @Order(8)
    void theLoginPageListsTheSeededUsers(PassageBrowser browser) {
        HttpResponse<String> login = browser.follow(browser.get(app.url("/protected")));
        assertTrue(login.uri().toString().startsWith(passage.issuer() + "/authorize?"), login.uri().toString());
        assertTrue(login.body().contains("user-carol"), login.body());
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
