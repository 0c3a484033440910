package io.github.passage4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.provider.FormPostFlaw;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's browser with {@code response_mode=form_post}: it submits the provider's self-submitting form as a
 * browser would, sending with that cross-site POST only the {@code SameSite=None} cookies ({@code Secure} ones over
 * http on loopback too), and the hostile cases reach the app as they should: a replay from another browser carries
 * no binding cookie, a tampered state matches none, a provider that redirects puts the response in a GET.
 */
class FormPostBrowserTest {

    @RegisterExtension
    static LocalPassageProviderExtension passage = LocalPassageProviderExtension.builder()
            .client("form-post-app", "form-post-secret")
            .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true).build())
            .build();

    private static FormPostApp app;

    @BeforeAll
    static void startApp(PassageSettings settings) throws IOException {
        app = new FormPostApp(settings);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @AfterEach
    void forget() {
        app.callbackCookies.clear();
    }

    @Test
    void aCrossSitePostCarriesOnlySameSiteNoneCookiesAndAGetNavigationTheLaxOnesToo(PassageBrowser browser,
                                                                                  LocalPassageProvider provider) {
        browser.get(app.url("/cookies"));
        // a page of another site (the provider, at 127.0.0.1) that posts to the app (at localhost)
        HttpResponse<String> crossSitePost = browser.send(HttpRequest.newBuilder(app.url("/echo"))
                .header("Sec-Fetch-Site", "cross-site").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertEquals("none=1", crossSitePost.body(), "Secure over http on loopback, and SameSite=None only");
        HttpResponse<String> crossSiteGet = browser.send(HttpRequest.newBuilder(app.url("/echo"))
                .header("Sec-Fetch-Site", "cross-site"));
        assertEquals(List.of("default=1", "lax=1", "none=1"), sorted(crossSiteGet.body()));
        HttpResponse<String> sameSitePost = browser.send(HttpRequest.newBuilder(app.url("/echo"))
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertEquals(List.of("default=1", "lax=1", "none=1", "strict=1"), sorted(sameSitePost.body()));
    }

    private static List<String> sorted(String cookieHeader) {
        return java.util.Arrays.stream(cookieHeader.split(";\\s*")).sorted().toList();
    }

    @Test
    void signInFollowsTheProvidersFormWithTheBindingCookieOnly(PassageBrowser browser) {
        HttpResponse<String> answer = browser.signIn(app.url("/protected"), "user-alice");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().endsWith(" with a code"), answer.body());
        String sent = app.callbackCookies.get(0);
        assertTrue(sent.startsWith("bind="), sent);
        assertFalse(sent.contains("lax-state"), "a cross-site POST carries no Lax cookie: " + sent);
        assertEquals(app.url("/callback"), browser.hops().get(browser.hops().size() - 1));
    }

    @Test
    void aReplayFromAnotherBrowserCarriesNoBindingCookie(PassageBrowser victim, PassageBrowser attacker,
                                                        LocalPassageProvider provider) throws Exception {
        HttpResponse<String> providerForm = victim.loginAnswer(app.url("/protected"), "user-alice");
        assertEquals(200, providerForm.statusCode());
        // the attacker got hold of the page (code and state) and posts it from his own browser
        HttpResponse<String> replayed = attacker.submitForm(providerForm);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("", app.callbackCookies.get(0));
    }

    @Test
    void aTamperedStateMatchesNoBindingCookie(PassageBrowser browser, LocalPassageProvider provider) {
        provider.behaviour().formPost(FormPostFlaw.STATE_TAMPERED);
        HttpResponse<String> answer = browser.signIn(app.url("/protected"), "user-alice");
        assertEquals(401, answer.statusCode(), answer.body());
    }

    @Test
    void aProviderThatRedirectsAfterAllPutsTheResponseInAGet(PassageBrowser browser, LocalPassageProvider provider) {
        provider.behaviour().formPost(FormPostFlaw.ANSWERED_AS_REDIRECT);
        HttpResponse<String> answer = browser.signIn(app.url("/protected"), "user-alice");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("the response came in the URL", answer.body());
        URI callback = browser.hops().get(0);
        assertTrue(callback.getRawQuery().contains("code="), callback.toString());
    }
}
