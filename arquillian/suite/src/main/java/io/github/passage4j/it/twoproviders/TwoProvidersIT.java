package io.github.passage4j.it.twoproviders;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.PassageBrowser;
import io.github.passage4j.testkit.PostedForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two providers in one app, on a real server: the unnamed definition at the shared local provider and the definition
 * named {@code second} at a second local provider. Each signs in, keeps and ends its own sessions and accepts its own
 * bearer tokens; a response of one provider delivered to the other's callback completes nothing (mix-up defence).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwoProvidersIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected", "/landing");

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        TestProvider.second();
        // the second provider stands for those that answer a POST to their end-session endpoint 404: GET it is
        return Deployments.withConfig(Deployments.war("twoproviders")
                .addClasses(TwoProvidersDefinition.class, WhoServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"),
                java.util.Map.of("passage.second.end-session-method", "get"));
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider first = TestProvider.get();
    private final LocalPassageProvider second = TestProvider.second();

    @BeforeEach
    @AfterEach
    void resetProviders() {
        first.behaviour().reset();
        second.behaviour().reset();
    }

    private URI app(String path) {
        return Deployments.base(base, "twoproviders").resolve(path);
    }


    /** Starts a sign-in, signs in at whichever provider it was sent to, and returns the callback the provider made. */
    private static URI callbackOf(HttpResponse<String> start, String user) {
        assertEquals(302, start.statusCode(), start.body());
        try {
            return LoginPage.open(PassageBrowser.location(start)).signInAs(user);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private HttpResponse<String> signInWithSecond(PassageBrowser browser, String returnTo) {
        HttpResponse<String> start = browser.get(app("passage/signin/second?return=" + returnTo));
        assertTrue(PassageBrowser.location(start).toString().startsWith(second.issuer() + "/authorize?"),
                "sent to the second provider: " + PassageBrowser.location(start));
        return browser.get(callbackOf(start, TestProvider.BOB));
    }

    @Test
    void aProtectedPageSignsInWithTheDefaultProvider() {
        PassageBrowser browser = new PassageBrowser();
        Map<String, String> caller = Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE));
        assertEquals(TestProvider.ALICE, caller.get("name"));
        assertEquals(first.issuer().toString(), caller.get("iss"));
    }

    @Test
    void theSignInPathOfTheDefaultProviderStartsItsSignIn() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> start = browser.get(app("passage/signin"));
        assertTrue(PassageBrowser.location(start).toString().startsWith(first.issuer() + "/authorize?"),
                PassageBrowser.location(start).toString());
        HttpResponse<String> back = browser.get(callbackOf(start, TestProvider.ALICE));
        assertEquals(302, back.statusCode());
        assertEquals(app("").getRawPath(), PassageBrowser.location(back).getRawPath(), "no return: the app root");
        assertEquals(first.issuer().toString(), Pages.lines(browser.get(app("protected"))).get("iss"));
    }

    @Test
    void theSecondProviderSignsInAndReturnsToTheRequestedPath() {
        PassageBrowser browser = new PassageBrowser();
        String landing = app("landing").getRawPath();
        HttpResponse<String> back = signInWithSecond(browser, landing);
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(landing, PassageBrowser.location(back).getRawPath());
        Map<String, String> caller = Pages.lines(browser.follow(back));
        assertEquals(TestProvider.BOB, caller.get("name"));
        assertEquals(second.issuer().toString(), caller.get("iss"), "the second provider vouched");
        assertEquals("/landing", caller.get("path"));
    }

    @Test
    void aReturnOutsideTheAppGoesToTheAppRoot() {
        for (String hostile : new String[] {"//evil.example", "https://evil.example/", "/elsewhere"}) {
            PassageBrowser browser = new PassageBrowser();
            HttpResponse<String> back = signInWithSecond(browser, hostile);
            assertEquals(302, back.statusCode(), back.body());
            URI location = PassageBrowser.location(back);
            assertEquals(app("").getRawPath(), location.getRawPath(), hostile + " -> " + location);
            assertTrue(location.getHost() == null || location.getHost().equals(app("").getHost()), location.toString());
        }
    }

    @Test
    void aResponseOfTheDefaultProviderAtTheSecondsCallbackCompletesNothing() {
        PassageBrowser browser = new PassageBrowser();
        URI callback = callbackOf(browser.get(app("passage/signin")), TestProvider.ALICE);
        assertEquals(app("passage/callback").getRawPath(), callback.getRawPath());
        int tokenRequests = first.tokenRequests() + second.tokenRequests();
        HttpResponse<String> mixedUp = browser.get(app("passage/callback/second?" + callback.getRawQuery()));
        assertEquals(401, mixedUp.statusCode(), mixedUp.body());
        assertEquals(tokenRequests, first.tokenRequests() + second.tokenRequests(), "no code was exchanged");
        assertEquals(302, browser.get(app("protected")).statusCode(), "no session");
        assertEquals(401, browser.get(callback).statusCode(), "the state was consumed");
    }

    @Test
    void aResponseOfTheSecondProviderAtTheDefaultCallbackCompletesNothing() {
        PassageBrowser browser = new PassageBrowser();
        URI callback = callbackOf(browser.get(app("passage/signin/second")), TestProvider.BOB);
        assertEquals(app("passage/callback/second").getRawPath(), callback.getRawPath());
        int tokenRequests = first.tokenRequests() + second.tokenRequests();
        HttpResponse<String> mixedUp = browser.get(app("passage/callback?" + callback.getRawQuery()));
        assertEquals(401, mixedUp.statusCode(), mixedUp.body());
        assertEquals(tokenRequests, first.tokenRequests() + second.tokenRequests(), "no code was exchanged");
        assertEquals(302, browser.get(app("protected")).statusCode(), "no session");
        assertEquals(401, browser.get(callback).statusCode(), "the state was consumed");
    }

    @Test
    void aSecondProviderSessionLogsOutAtTheSecondProvider() {
        // it answers a POSTed end-session request 404 and ignores a posted post_logout_redirect_uri
        second.behaviour().endSessionAcceptsOnly("GET").ignorePostedPostLogoutRedirectUri(true);
        PassageBrowser browser = new PassageBrowser();
        browser.follow(signInWithSecond(browser, app("protected").getRawPath()));
        int firstLogouts = first.logoutRequests();
        int secondLogouts = second.logoutRequests();
        HttpResponse<String> logout = browser.get(app("logout"));
        // RP-Initiated Logout 1.0 2: the request as a redirect, its parameters in the query
        assertEquals(302, logout.statusCode(), logout.body());
        URI endSession = PassageBrowser.location(logout);
        assertEquals(second.endpoint(Endpoint.LOGOUT).getPath(), endSession.getPath(),
                "the second provider's end-session endpoint");
        assertTrue(endSession.getRawQuery().contains("client_id=" + TestProvider.secondClientId()),
                endSession.toString());
        assertTrue(endSession.getRawQuery().contains("id_token_hint="), "loopback http: the hint may travel");
        assertEquals("no-referrer", logout.headers().firstValue("Referrer-Policy").orElse(""));
        HttpResponse<String> landed = browser.follow(logout);
        assertEquals(app("").getRawPath(), landed.uri().getRawPath(), "back at postLogoutRedirectURI");
        assertEquals(200, landed.statusCode(), landed.body());
        assertTrue(landed.body().contains("home signedIn=false"), "the app's public home page: " + landed.body());
        assertEquals(secondLogouts + 1, second.logoutRequests(), "the second provider ended its session");
        assertEquals(firstLogouts, first.logoutRequests(), "the default provider was not asked");
        assertEquals(302, browser.get(app("protected")).statusCode(), "signed out");
    }

    private HttpResponse<String> withBearer(String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void aBearerTokenOfEitherProviderIsAcceptedAndOfAThirdRefused() {
        Map<String, String> ofFirst = Pages.lines(withBearer(
                first.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.NONE)));
        assertEquals(first.issuer().toString(), ofFirst.get("iss"));
        Map<String, String> ofSecond = Pages.lines(withBearer(
                second.accessToken(TestProvider.BOB, TestProvider.secondClientId(), TokenFlaw.NONE)));
        assertEquals(TestProvider.BOB, ofSecond.get("name"));
        assertEquals(second.issuer().toString(), ofSecond.get("iss"));

        HttpResponse<String> crossed = withBearer(
                second.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.NONE));
        assertEquals(401, crossed.statusCode(), "the second provider's token for the first client's audience");

        try (LocalPassageProvider third = LocalPassageProvider.builder().host("127.0.0.1")
                .client(TestProvider.clientId(), "third-secret").build().start()) {
            HttpResponse<String> unknown = withBearer(
                    third.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.NONE));
            assertEquals(401, unknown.statusCode());
            assertTrue(unknown.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                    unknown.headers().map().toString());
        }
    }

    @Test
    void aStepUpRequirementOfTheSecondDefinitionHoldsForCallersOfTheFirst() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        HttpResponse<String> stepUp = browser.get(app("vault"));
        assertEquals(302, stepUp.statusCode(), stepUp.body());
        assertTrue(PassageBrowser.location(stepUp).toString().startsWith(second.issuer() + "/authorize?"),
                "only the second provider can vouch for its acr: " + PassageBrowser.location(stepUp));
        assertTrue(PassageBrowser.location(stepUp).getRawQuery().contains("acr_values=urn%3Apassage4j%3Aacr%3Amfa"),
                PassageBrowser.location(stepUp).toString());
        HttpResponse<String> back = browser.get(callbackOf(stepUp, TestProvider.BOB));
        Map<String, String> caller = Pages.lines(browser.follow(back));
        assertEquals(second.issuer().toString(), caller.get("iss"));
        assertEquals("/vault", caller.get("path"));

        HttpResponse<String> ofFirst = new PassageBrowser().send(HttpRequest.newBuilder(app("vault"))
                .header("Accept", "application/json").header("Authorization", "Bearer "
                        + first.accessToken(TestProvider.ALICE, TestProvider.clientId(), LocalPassageProvider.ACR_MFA)));
        assertEquals(401, ofFirst.statusCode(), "the first provider's acr is no answer to the second's requirement");
        assertTrue(ofFirst.headers().firstValue("WWW-Authenticate").orElse("")
                .contains("insufficient_user_authentication"));
    }
}
