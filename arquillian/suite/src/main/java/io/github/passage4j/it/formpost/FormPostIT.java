package io.github.passage4j.it.formpost;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.FormPostFlaw;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code responseMode = form_post} on a real server, in session mode and in stateless mode (the session mode is the
 * app's, so two WARs). The browser reaches the app as {@code localhost} and the provider as {@code 127.0.0.1}: two
 * sites, so the provider's form POST is cross-site and carries none of the app's {@code SameSite=Lax} cookies, as
 * with a real provider. The sign-in succeeds and lands on the page first asked for, with a new session id; the
 * provider's form replayed from another browser, a tampered state, and a provider that answers with a redirect after
 * all each end on a 4xx page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormPostIT {

    private static final String SESSION = "session";
    private static final String STATELESS = "stateless";
    private static final WebXml WEB_XML = WebXml.protecting("/protected", "/landing");

    @Deployment(name = SESSION, testable = false)
    static WebArchive sessionMode() {
        return war("formpost", Map.of());
    }

    @Deployment(name = STATELESS, testable = false)
    static WebArchive statelessMode() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return war("formpost-stateless", Map.of("passage.stateless", "true",
                "passage.cookie-encryption-keys", Base64.getUrlEncoder().withoutPadding().encodeToString(key)));
    }

    private static WebArchive war(String name, Map<String, String> config) {
        TestProvider.get();
        WebArchive war = Deployments.war(name)
                .addClasses(FormPostDefinition.class, CallerServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.withConfig(war, new LinkedHashMap<>(config));
    }

    private final LocalPassageProvider provider = TestProvider.get();

    @BeforeEach
    @AfterEach
    void resetProvider() {
        provider.behaviour().reset();
    }

    /**
     * The app's URL with the host {@code localhost}: the provider is at {@code 127.0.0.1}, so the two are different
     * sites to a browser (and to the kit's browser), as an app and its provider are in production.
     */
    private static URI crossSite(URL injected, String contextRoot) {
        URI base = Deployments.base(injected, contextRoot);
        return "127.0.0.1".equals(base.getHost()) ? URI.create(base.toString().replaceFirst("127\\.0\\.0\\.1",
                "localhost")) : base;
    }

    private void signsInAndLandsOnTheReturnPath(URI base) {
        PassageBrowser browser = new PassageBrowser();
        URI landing = base.resolve("landing");
        HttpResponse<String> providerForm = browser.loginAnswer(landing, TestProvider.ALICE);
        assertEquals(200, providerForm.statusCode(), "the provider answers with its form: " + providerForm.body());
        Optional<String> sessionBefore = browser.cookie(base, "JSESSIONID");

        HttpResponse<String> page = browser.submitSelfSubmittingForms(providerForm);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> caller = Pages.lines(page);
        assertEquals(TestProvider.ALICE, caller.get("name"));
        assertEquals("/landing", caller.get("path"), "the page first asked for");
        assertEquals(landing, page.uri());
        assertFalse(page.uri().toString().contains("code="), "the code never was in a URL");
        if (sessionBefore.isPresent()) {
            // session fixation: the sign-in changes the session id, after a posted callback too
            assertNotEquals(sessionBefore, browser.cookie(base, "JSESSIONID"));
        }
        assertEquals(200, browser.get(base.resolve("protected")).statusCode(), "signed in");
    }

    @Test
    void sessionModeSignsInWithAFormPost(@ArquillianResource @OperateOnDeployment(SESSION) URL injected) {
        signsInAndLandsOnTheReturnPath(crossSite(injected, "formpost"));
    }

    @Test
    void statelessModeSignsInWithAFormPost(@ArquillianResource @OperateOnDeployment(STATELESS) URL injected) {
        signsInAndLandsOnTheReturnPath(crossSite(injected, "formpost-stateless"));
    }

    @Test
    void theProvidersFormReplayedFromAnotherBrowserIsRefused(
            @ArquillianResource @OperateOnDeployment(SESSION) URL injected) {
        URI base = crossSite(injected, "formpost");
        PassageBrowser victim = new PassageBrowser();
        HttpResponse<String> providerForm = victim.loginAnswer(base.resolve("protected"), TestProvider.ALICE);
        assertEquals(200, providerForm.statusCode(), providerForm.body());

        PassageBrowser attacker = new PassageBrowser();
        HttpResponse<String> replayed = attacker.submitSelfSubmittingForms(providerForm);
        assertEquals(401, replayed.statusCode(), replayed.body());
        String code = io.github.passage4j.testkit.PostedForm.parse(providerForm).fields().get("code");
        assertFalse(replayed.body().contains(code), "nothing of the response on the page");
        assertEquals(302, attacker.get(base.resolve("protected")).statusCode(), "the attacker is not signed in");

        // the code was never redeemed: the browser that started the sign-in still completes it
        HttpResponse<String> page = victim.submitSelfSubmittingForms(providerForm);
        assertEquals(TestProvider.ALICE, Pages.lines(page).get("name"), page.body());
    }

    @Test
    void theReplayIsRefusedInStatelessModeToo(@ArquillianResource @OperateOnDeployment(STATELESS) URL injected) {
        URI base = crossSite(injected, "formpost-stateless");
        HttpResponse<String> providerForm = new PassageBrowser().loginAnswer(base.resolve("protected"),
                TestProvider.ALICE);
        assertEquals(401, new PassageBrowser().submitSelfSubmittingForms(providerForm).statusCode());
    }

    @Test
    void aTamperedStateIsRefused(@ArquillianResource @OperateOnDeployment(SESSION) URL injected) {
        provider.behaviour().formPost(FormPostFlaw.STATE_TAMPERED);
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.signIn(crossSite(injected, "formpost").resolve("protected"),
                TestProvider.ALICE);
        assertEquals(401, page.statusCode(), page.body());
    }

    @Test
    void aResponseInTheUrlInsteadOfAPostIsRefused(@ArquillianResource @OperateOnDeployment(SESSION) URL injected) {
        provider.behaviour().formPost(FormPostFlaw.ANSWERED_AS_REDIRECT);
        URI base = crossSite(injected, "formpost");
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.signIn(base.resolve("protected"), TestProvider.ALICE);
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.body().contains("form post"), page.body());
        assertTrue(browser.hops().get(0).getRawQuery().contains("code="), "it came as a GET: " + browser.hops());
        assertEquals(302, browser.get(base.resolve("protected")).statusCode(), "not signed in");
    }

    @Test
    void aResponseInTheUrlInStatelessModeIsRefusedToo(
            @ArquillianResource @OperateOnDeployment(STATELESS) URL injected) {
        provider.behaviour().formPost(FormPostFlaw.ANSWERED_AS_REDIRECT);
        HttpResponse<String> page = new PassageBrowser().signIn(crossSite(injected, "formpost-stateless")
                .resolve("protected"), TestProvider.ALICE);
        assertEquals(400, page.statusCode(), page.body());
    }
}
