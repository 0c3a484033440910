package io.github.passage4j.examples.hello;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import io.github.passage4j.testkit.PassageBrowser;
import io.github.passage4j.testkit.PostedForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built {@code hello-passage.war}, unchanged, on Payara Micro at context root {@code /}, configured through
 * {@code PASSAGE_*} environment variables, signed into with the test kit: its JUnit extension runs the local provider
 * (and injects it and a fresh {@link PassageBrowser} per test), the browser keeps cookies, follows the redirects and
 * fills in the provider's login page as a user would.
 */
@ExtendWith(ExampleServers.class)
class HelloPassageIT {

    @RegisterExtension
    static final LocalPassageProviderExtension passage = ExampleServers.PASSAGE;

    private static PayaraMicroApp app;

    @BeforeAll
    static void app() {
        app = ExampleServers.get().app();
    }

    private static URI page(String path) {
        return app.base().resolve(path);
    }

    private static HttpResponse<String> getJson(PassageBrowser browser, URI uri) {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", "application/json"));
    }

    private static HttpResponse<String> withBearer(URI uri, String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void signInShowsTheProfileAsJsonThenSignOut(PassageBrowser browser, LocalPassageProvider provider) {
        HttpResponse<String> home = browser.get(page("/"));
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Sign in with Passage"), home.body());

        HttpResponse<String> challenge = browser.get(page("/profile"));
        assertEquals(302, challenge.statusCode());
        URI authorize = PassageBrowser.location(challenge);
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/authorize?"), authorize.toString());
        assertTrue(authorize.getRawQuery().contains("redirect_uri=" + URLEncoder.encode(
                page("/passage/callback").toString(), StandardCharsets.UTF_8)),
                "the app at / uses /passage/callback: " + authorize);

        HttpResponse<String> profile = browser.signIn(page("/profile"), "user-alice");
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals(page("/profile"), profile.uri());
        assertTrue(profile.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String json = profile.body();
        for (String expected : new String[] {"\"sub\":\"user-alice\"", "\"email\":\"alice@example.com\"",
                "\"email_verified\":true", "\"phone\":\"+15555550100\"", "\"phone_number_verified\":true",
                "\"iss\":\"" + provider.issuer() + "\"", "\"aud\":\"hello-passage\"", "\"client_id\":\"hello-passage\"",
                "\"auth_time\":", "\"iat\":", "\"exp\":", "\"at_hash\":"}) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }

        HttpResponse<String> signedInHome = browser.get(page("/"));
        assertTrue(signedInHome.body().contains("alice@example.com"), signedInHome.body());

        HttpResponse<String> logoutPage = browser.get(page("/logout"));
        assertEquals(200, logoutPage.statusCode(), "a self-submitting form to the provider's end-session endpoint");
        URI endSession = PostedForm.parse(logoutPage).action();
        assertTrue(endSession.toString().startsWith(provider.issuer() + "/logout"), endSession.toString());
        HttpResponse<String> loggedOut = browser.submitForm(logoutPage);
        assertEquals(200, loggedOut.statusCode());
        assertEquals(app.base().getPath(), loggedOut.uri().getPath(), "back on the app's start page");
        assertTrue(loggedOut.uri().getQuery().startsWith("state="), "with the state of the logout request");
        assertTrue(loggedOut.body().contains("Sign in with Passage"), loggedOut.body());
        assertEquals(302, browser.get(page("/profile")).statusCode(), "signed out");
    }

    @Test
    void aTypedInUserSignsInToo(PassageBrowser browser) {
        HttpResponse<String> profile = browser.signInWith(page("/profile"), "carol@example.com", true,
                "+15555550199", false);
        assertEquals(200, profile.statusCode(), profile.body());
        assertTrue(profile.body().contains("\"email\":\"carol@example.com\""), profile.body());
        assertTrue(profile.body().contains("\"phone\":\"+15555550199\""), profile.body());
    }

    @Test
    void anonymousJsonRequestGets401(PassageBrowser browser) {
        assertEquals(401, getJson(browser, page("/profile")).statusCode());
    }

    @Test
    void theApiServesSignedInBrowsersAndBearerTokensAlike(PassageBrowser browser, LocalPassageProvider provider) {
        assertEquals(200, browser.signIn(page("/profile"), "user-alice").statusCode());
        HttpResponse<String> me = getJson(browser, page("/api/me"));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"email\":\"alice@example.com\""), me.body());
        assertEquals(200, getJson(browser, page("/api/admin")).statusCode(),
                "alice is listed in HELLO_ADMIN_EMAILS");

        HttpResponse<String> bearer = withBearer(page("/api/me"),
                provider.accessToken("user-bob", "hello-passage", TokenFlaw.NONE));
        assertEquals(200, bearer.statusCode(), bearer.body());
        assertTrue(bearer.body().contains("\"sub\":\"user-bob\""), bearer.body());
        assertTrue(bearer.headers().allValues("Set-Cookie").isEmpty(), "no session for an API call");

        HttpResponse<String> expired = withBearer(page("/api/me"),
                provider.accessToken("user-bob", "hello-passage", TokenFlaw.EXPIRED));
        assertEquals(401, expired.statusCode());
        assertTrue(expired.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void nonAdminsGet403FromTheAdminApi(PassageBrowser browser) {
        assertEquals(200, browser.signIn(page("/profile"), "user-bob").statusCode());
        assertEquals(403, getJson(browser, page("/api/admin")).statusCode());
    }

    @Test
    void aBackChannelLogoutEndsTheSession(PassageBrowser browser, LocalPassageProvider provider) {
        HttpResponse<String> profile = browser.signIn(page("/profile"), "user-alice");
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(profile.body());
        assertTrue(sid.find(), profile.body());
        HttpResponse<String> answer = new PassageBrowser().send(HttpRequest.newBuilder(
                        page("/passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(
                        provider.logoutToken("user-alice", sid.group(1)), StandardCharsets.UTF_8))));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(302, browser.get(page("/profile")).statusCode(), "signed out");
    }
}
