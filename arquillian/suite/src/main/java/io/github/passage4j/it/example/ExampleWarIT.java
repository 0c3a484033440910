package io.github.passage4j.it.example;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app's WAR ({@code examples/hello-passage/target/hello-passage.war}) deployed unchanged, configured
 * only through the {@code PASSAGE_*} environment variables the server inherits.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExampleWarIT {

    @Deployment(testable = false)
    static WebArchive exampleWar() {
        TestProvider.get();
        String path = System.getProperty("passage.example.war", "");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("The example WAR " + path + " does not exist: build it first "
                    + "(mvn verify at the repository root builds it before these suites)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** The example's WAR keeps its file name, so it lands at that context root. */
    private static final String EXAMPLE_CONTEXT_ROOT = new File(System.getProperty("passage.example.war", "x.war"))
            .getName().replaceFirst("\\.war$", "");

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    private URI app(String path) {
        return Deployments.base(base, EXAMPLE_CONTEXT_ROOT).resolve(path);
    }

    @Test
    void signInShowsTheProfileJsonAndLogoutSignsOut() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> home = browser.get(app(""));
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Sign in with Passage"), home.body());

        HttpResponse<String> profile = browser.signIn(app("profile"), TestProvider.ALICE);
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals(app("profile"), profile.uri());
        for (String expected : new String[] {"\"sub\":\"user-alice\"", "\"email\":\"alice@example.com\"",
                "\"email_verified\":true", "\"phone\":\"+15555550100\"", "\"phone_number_verified\":true",
                "\"iss\":\"" + provider.issuer() + "\"", "\"client_id\":\"" + TestProvider.clientId() + "\""}) {
            assertTrue(profile.body().contains(expected), expected + " in " + profile.body());
        }

        HttpResponse<String> signedOut = browser.submitForm(browser.open(app("logout")));
        assertEquals(app(""), URI.create(signedOut.uri().toString().replaceAll("\\?.*", "")));
        assertTrue(signedOut.uri().getRawQuery().startsWith("state="), "with the logout's state");
        assertTrue(signedOut.body().contains("Sign in with Passage"), signedOut.body());
        assertEquals(302, browser.get(app("profile")).statusCode(), "signed out");
    }

    @Test
    void anonymousJsonRequestGets401() {
        HttpResponse<String> response = new PassageBrowser().send(HttpRequest.newBuilder(app("profile"))
                .header("Accept", "application/json"));
        assertEquals(401, response.statusCode());
    }

    @Test
    void theApiTakesTheSessionOrABearerTokenAndAdminsComeFromTheIdentityStore() {
        PassageBrowser alice = new PassageBrowser();
        assertEquals(200, alice.signIn(app("profile"), TestProvider.ALICE).statusCode());
        HttpResponse<String> me = alice.send(HttpRequest.newBuilder(app("api/me")).header("Accept", "application/json"));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"email\":\"alice@example.com\""), me.body());
        assertEquals(200, alice.send(HttpRequest.newBuilder(app("api/admin"))
                .header("Accept", "application/json")).statusCode(), "alice is listed in hello.admin-emails");

        PassageBrowser bob = new PassageBrowser();
        assertEquals(200, bob.signIn(app("profile"), TestProvider.BOB).statusCode());
        assertEquals(403, bob.send(HttpRequest.newBuilder(app("api/admin"))
                .header("Accept", "application/json")).statusCode());

        HttpResponse<String> bearer = new PassageBrowser().send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json").header("Authorization", "Bearer "
                        + provider.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.NONE)));
        assertEquals(200, bearer.statusCode(), bearer.body());
        assertTrue(bearer.body().contains("\"sub\":\"" + TestProvider.BOB + "\""), bearer.body());
        assertTrue(bearer.headers().allValues("Set-Cookie").isEmpty());
        HttpResponse<String> bad = new PassageBrowser().send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json").header("Authorization", "Bearer "
                        + provider.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.UNKNOWN_KEY)));
        assertEquals(401, bad.statusCode());
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void theBackChannelLogoutEndpointEndsASessionWithoutConfiguration() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> profile = browser.signIn(app("profile"), TestProvider.ALICE);
        java.util.regex.Matcher sid = java.util.regex.Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(profile.body());
        assertTrue(sid.find(), profile.body());
        HttpResponse<String> answer = new PassageBrowser().send(HttpRequest.newBuilder(app("passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + java.net.URLEncoder.encode(
                        provider.logoutToken(TestProvider.ALICE, sid.group(1)), java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(302, browser.get(app("profile")).statusCode(), "signed out");
    }
}
