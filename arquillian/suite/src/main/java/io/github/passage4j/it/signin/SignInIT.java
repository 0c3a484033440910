package io.github.passage4j.it.signin;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.AuthTimeFlaw;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.provider.RecordedRequest;
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
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign in with Passage end to end, on a real server, against the local provider over HTTP, driven as a browser does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected", "/api/*").declaringRoles("admin",
            "other");

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        return Deployments.war("signin")
                .addClasses(SignInDefinition.class, CallerView.class, WhoAmIServlet.class, RestApplication.class,
                        MeResource.class, HomeServlet.class, SteppedUpServlet.class, PaymentsResource.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    @BeforeEach
    @AfterEach
    void resetProvider() {
        provider.behaviour().reset();
    }

    private URI app(String path) {
        return Deployments.base(base, "signin").resolve(path);
    }


    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int at = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void anonymousPageRequestIsRedirectedWithPkceStateAndNonce() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> first = browser.get(app("protected"));
        HttpResponse<String> second = browser.get(app("protected"));
        assertEquals(302, first.statusCode());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
        String sessionCookie = first.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("the sign-in state lives in a session: " + first.headers()));
        assertTrue(sessionCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), sessionCookie);
        assertTrue(sessionCookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=lax"), sessionCookie);
        URI authorize = PassageBrowser.location(first);
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/authorize?"), authorize.toString());
        Map<String, String> params = query(authorize);
        assertEquals("code", params.get("response_type"));
        assertEquals(TestProvider.clientId(), params.get("client_id"));
        assertEquals(app("passage/callback").toString(), params.get("redirect_uri"));
        assertEquals("openid email phone", params.get("scope"));
        assertEquals("S256", params.get("code_challenge_method"));
        for (String fresh : List.of("state", "nonce", "code_challenge")) {
            assertTrue(params.get(fresh).length() >= 43, fresh + " carries at least 128 bits");
            assertNotEquals(params.get(fresh), query(PassageBrowser.location(second)).get(fresh), fresh + " is fresh");
        }
    }

    @Test
    void browserSignsInAndLandsOnTheProtectedResource() {
        PassageBrowser browser = new PassageBrowser();
        browser.get(app("")); // a session cookie, if the server sets one before sign-in
        HttpResponse<String> challenge = browser.get(app("protected?from=test"));
        String sessionBefore = browser.cookie(app(""), "JSESSIONID").orElse("none");
        HttpResponse<String> page;
        try {
            URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
            HttpResponse<String> callbackResponse = browser.get(callback);
            assertEquals(302, callbackResponse.statusCode());
            assertEquals("no-store", callbackResponse.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(app("protected?from=test").getRawPath() + "?from=test",
                    callbackResponse.headers().firstValue("Location").map(URI::create)
                            .map(uri -> uri.getRawPath() + "?" + uri.getRawQuery()).orElseThrow());
            page = browser.follow(callbackResponse);
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> caller = Pages.lines(page.body());
        assertEquals(TestProvider.ALICE, caller.get("userPrincipal.name"));
        assertEquals("from=test", caller.get("query"));
        assertEquals("alice@example.com", caller.get("injected.email"));
        assertEquals("true", caller.get("injected.email_verified"));
        assertEquals("+15555550100", caller.get("injected.phone"));
        assertEquals("true", caller.get("injected.phone_number_verified"));
        assertEquals(provider.issuer().toString(), caller.get("injected.iss"));
        assertEquals(TestProvider.clientId(), caller.get("injected.aud"));
        assertEquals("true", caller.get("injected.at_hash_present"));
        assertEquals("true", caller.get("injected.id_token_is_jws"));
        assertEquals("false", caller.get("injected.profile_to_string_has_token"));
        String sessionAfter = browser.cookie(app(""), "JSESSIONID").orElse("none");
        assertNotEquals(sessionBefore, sessionAfter, "the session id changes at sign-in");

        int tokenCalls = provider.tokenRequests();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, browser.get(app("protected")).statusCode());
        }
        assertEquals(tokenCalls, provider.tokenRequests(), "later requests make no call to the provider");
    }

    @Test
    void principalApisAgreeAndGroupsBecomeRoles() {
        provider.behaviour().idTokenClaims(claims -> claims.claim("groups", List.of("admin")));
        PassageBrowser browser = new PassageBrowser();
        Map<String, String> caller = Pages.lines(browser.signIn(app("protected"), TestProvider.BOB).body());
        assertEquals(TestProvider.BOB, caller.get("userPrincipal.name"));
        assertEquals(TestProvider.BOB, caller.get("callerPrincipal.name"));
        assertEquals("true", caller.get("userPrincipal.isPassageProfile"));
        assertEquals("true", caller.get("callerPrincipal.equalsUserPrincipal"));
        assertEquals("1", caller.get("byType.count"));
        assertEquals("true", caller.get("byType.equalsUserPrincipal"));
        assertEquals("true", caller.get("injected.equalsUserPrincipal"));
        assertEquals("true", caller.get("injected.delegatesToUserPrincipal"));
        assertEquals("true", caller.get("request.isUserInRole.admin"));
        assertEquals("true", caller.get("context.isCallerInRole.admin"));
        assertEquals("false", caller.get("request.isUserInRole.other"));
        assertEquals("false", caller.get("context.isCallerInRole.other"));
        assertEquals("false", caller.get("injected.email_verified"));
        assertEquals("", caller.get("injected.phone"));
    }

    @Test
    void profileIsInjectedIntoJaxRsResources() {
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json"));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"email\":\"alice@example.com\""), me.body());
        assertTrue(me.body().contains("\"callerPrincipal\":\"" + TestProvider.ALICE + "\""), me.body());
    }

    @Test
    void twoUsersAtTheSameTimeEachSeeTheirOwnProfile() throws Exception {
        PassageBrowser alice = new PassageBrowser();
        PassageBrowser bob = new PassageBrowser();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<HttpResponse<String>> aliceSignIn = pool.submit(() -> alice.signIn(app("protected"), TestProvider.ALICE));
            Future<HttpResponse<String>> bobSignIn = pool.submit(() -> bob.signIn(app("protected"), TestProvider.BOB));
            assertEquals(200, aliceSignIn.get().statusCode());
            assertEquals(200, bobSignIn.get().statusCode());
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PassageBrowser who = i % 2 == 0 ? alice : bob;
                String expected = i % 2 == 0 ? "alice@example.com" : "bob@example.com";
                calls.add(() -> {
                    Map<String, String> seen = Pages.lines(who.get(app("protected")).body());
                    return expected.equals(seen.get("injected.email"))
                            && seen.get("userPrincipal.name").equals(seen.get("injected.name")) ? "ok" : seen.toString();
                });
            }
            for (Future<String> result : pool.invokeAll(calls)) {
                assertEquals("ok", result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anonymousApiCallsGet401InsteadOfARedirect() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> json = browser.send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json"));
        assertEquals(401, json.statusCode());
        assertTrue(json.headers().firstValue("WWW-Authenticate").isPresent());
        HttpResponse<String> xhr = browser.send(HttpRequest.newBuilder(app("protected"))
                .header("X-Requested-With", "XMLHttpRequest"));
        assertEquals(401, xhr.statusCode());
    }

    @Test
    void logoutEndsTheSessionAndVisitsTheProvider() {
        // a provider whose end-session endpoint takes POST only (GET gets 405), and that issues refresh tokens
        provider.behaviour().endSessionAcceptsOnly("POST").refreshTokens(true);
        PassageBrowser browser = new PassageBrowser();
        assertEquals(200, browser.signIn(app("protected"), TestProvider.ALICE).statusCode());
        String signedInSession = browser.cookie(app(""), "JSESSIONID").orElseThrow();
        int logoutsBefore = provider.logoutRequests();
        int revocationsBefore = provider.requests(Endpoint.REVOKE).size();
        HttpResponse<String> logout = browser.get(app("logout"));
        // RFC 7009 2.1: the session's refresh token, then its access token, revoked once the local session ended
        List<RecordedRequest> revocations = provider.requests(Endpoint.REVOKE)
                .subList(revocationsBefore, provider.requests(Endpoint.REVOKE).size());
        assertEquals(List.of("refresh_token", "access_token"),
                revocations.stream().map(r -> r.parameter("token_type_hint")).toList());
        for (RecordedRequest revocation : revocations) {
            assertTrue(provider.wasRevoked(revocation.parameter("token")), "revoked at the provider");
            assertTrue(revocation.header("Authorization").startsWith("Basic "), "authenticated as at /token");
        }
        assertEquals(200, logout.statusCode(), "a self-submitting form, so the ID token stays out of URLs");
        assertEquals("no-store", logout.headers().firstValue("Cache-Control").orElse(""));
        PostedForm endSession = PostedForm.parse(logout);
        assertEquals(URI.create(provider.issuer() + "/logout"), endSession.action());
        assertEquals(3, endSession.fields().get("id_token_hint").split("\\.").length, "the ID token as hint");
        assertEquals(TestProvider.clientId(), endSession.fields().get("client_id"));
        assertEquals(app("").toString(), endSession.fields().get("post_logout_redirect_uri"));
        assertTrue(endSession.fields().get("state").length() >= 43, "a random state");

        HttpResponse<String> landed = browser.submitForm(logout);
        assertEquals(logoutsBefore + 1, provider.logoutRequests());
        assertEquals(app(""), URI.create(landed.uri().toString().replaceAll("\\?.*", "")), "back at the app root");
        assertEquals("state=" + endSession.fields().get("state"), landed.uri().getRawQuery(),
                "with the state sent (RP-Initiated Logout 1.0 section 2)");
        assertEquals(200, landed.statusCode(), landed.body());
        assertTrue(landed.body().contains("home signedIn=false"), "the app's public home page: " + landed.body());
        HttpResponse<String> again = browser.get(app("protected"));
        assertEquals(302, again.statusCode(), "signed out: a protected page starts a new sign-in");
        assertNotEquals(signedInSession, browser.cookie(app(""), "JSESSIONID").orElse("none"),
                "the logout gave the session a new id");
        HttpResponse<String> replayed = new PassageBrowser().send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "text/html").header("Cookie", "JSESSIONID=" + signedInSession));
        assertEquals(302, replayed.statusCode(), "the signed-in session id signs no one in any more");
    }

    @Test
    void aCrossSiteLogoutAsksToConfirmAndKeepsTheSessionUntilConfirmed() {
        PassageBrowser browser = new PassageBrowser();
        assertEquals(200, browser.signIn(app("protected"), TestProvider.ALICE).statusCode());
        int logoutsBefore = provider.logoutRequests();
        HttpResponse<String> crossSite = browser.send(HttpRequest.newBuilder(app("logout"))
                .header("Accept", "text/html").header("Sec-Fetch-Site", "cross-site"));
        assertConfirmationPage(crossSite);
        assertEquals(200, browser.get(app("protected")).statusCode(), "still signed in");
        HttpResponse<String> saysNothing = browser.send(HttpRequest.newBuilder(app("logout"))
                .header("Accept", "text/html"));
        assertConfirmationPage(saysNothing);
        assertEquals(200, browser.get(app("protected")).statusCode(), "still signed in");
        assertEquals(logoutsBefore, provider.logoutRequests(), "nor signed out at the provider");

        PostedForm confirmation = PostedForm.parse(crossSite);
        assertEquals(app("logout"), confirmation.action());
        HttpResponse<String> endSession = browser.submitForm(crossSite);
        assertEquals(200, endSession.statusCode(), endSession.body());
        assertEquals(URI.create(provider.issuer() + "/logout"), PostedForm.parse(endSession).action(),
                "confirmed from the app's own page: signed out, on to the provider");
        assertEquals(302, browser.get(app("protected")).statusCode(), "signed out");
    }

    @Test
    void theLogoutConfirmationSignsOutABrowserThatSendsNeitherFetchMetadataNorOrigin() {
        PassageBrowser browser = new PassageBrowser();
        assertEquals(200, browser.signIn(app("protected"), TestProvider.ALICE).statusCode());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(app("logout")).header("Accept", "text/html"));
        PostedForm confirmation = PostedForm.parse(page);
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(app("logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("passage_logout_confirmation=guessed")));
        assertConfirmationPage(forged);
        assertEquals(200, browser.get(app("protected")).statusCode(), "a wrong proof signs nobody out");

        HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(app("logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(confirmation.encodedFields())));
        assertEquals(URI.create(provider.issuer() + "/logout"), PostedForm.parse(confirmed).action());
        assertEquals(302, browser.get(app("protected")).statusCode(), "signed out");
    }

    private static void assertConfirmationPage(HttpResponse<String> page) {
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"passage-logout-confirmation\""), page.body());
        assertFalse(page.body().contains("id_token_hint"), "no token on the page: " + page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                page.headers().map().toString());
    }

    @Test
    void providerErrorGets401AndNoSession() {
        provider.behaviour().denyNextAuthorization();
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.open(app("protected"));
        assertEquals(401, page.statusCode(), page.body());
        assertTrue(page.body().contains("access_denied"));
        assertFalse(page.body().contains("Exception"));
        assertEquals(302, browser.get(app("protected")).statusCode(), "still not signed in");
    }

    @Test
    void forgedMissingOrReplayedStateGets401() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> challenge = browser.get(app("protected"));
        URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
        String code = query(callback).get("code");
        String iss = query(callback).get("iss");

        HttpResponse<String> forged = browser.get(app("passage/callback?code=" + code + "&state=forged&iss=" + iss));
        assertEquals(401, forged.statusCode());
        HttpResponse<String> missing = browser.get(app("passage/callback?code=" + code));
        assertEquals(401, missing.statusCode());
        PassageBrowser otherBrowser = new PassageBrowser();
        assertEquals(401, otherBrowser.get(callback).statusCode(), "a state belongs to the browser that started");

        assertEquals(302, browser.get(callback).statusCode(), "the genuine response still works once");
        assertEquals(401, browser.get(callback).statusCode(), "and only once");
    }

    @Test
    void tokenEndpointDownGetsA503Page() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> challenge = browser.get(app("protected"));
        URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
        provider.behaviour().fail(Endpoint.TOKEN, Fault.serverError());
        HttpResponse<String> page = browser.get(callback);
        assertEquals(503, page.statusCode());
        assertFalse(page.body().contains("Exception"));
        provider.behaviour().reset();
        assertEquals(200, browser.signIn(app("protected"), TestProvider.ALICE).statusCode(), "works again at once");
    }

    /** The sign-in path with {@code query}, signed in as Alice: the app's answer to the callback. */
    private HttpResponse<String> signInWith(PassageBrowser browser, String query) throws IOException {
        HttpResponse<String> start = browser.get(app("passage/signin?" + query));
        assertEquals(302, start.statusCode(), start.body());
        return browser.get(LoginPage.open(PassageBrowser.location(start)).signInAs(TestProvider.ALICE));
    }

    @Test
    void theSignInPathPassesTheAllowListedParametersToTheProvider() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> back = signInWith(browser,
                "prompt=login&max_age=300&login_hint=user-alice&ui_locales=de&utm_source=mail&return=/protected");
        assertEquals(302, back.statusCode(), back.body());
        RecordedRequest accepted = provider.acceptedAuthorizationRequests()
                .get(provider.acceptedAuthorizationRequests().size() - 1);
        assertEquals("login", accepted.parameter("prompt"));
        assertEquals("300", accepted.parameter("max_age"));
        assertEquals("user-alice", accepted.parameter("login_hint"));
        assertEquals("de", accepted.parameter("ui_locales"));
        assertNull(accepted.parameter("utm_source"), "not on the allow-list: left out");
        // OIDC Core 3.1.3.7 step 13 passed: a fresh auth_time within max_age
        assertEquals(200, browser.follow(back).statusCode(), "signed in and on the page asked for");
    }

    @Test
    void anAuthenticationOlderThanTheRequestedMaxAgeSignsNobodyIn() throws Exception {
        for (AuthTimeFlaw flaw : List.of(AuthTimeFlaw.TOO_OLD, AuthTimeFlaw.MISSING)) {
            provider.behaviour().authTime(flaw);
            PassageBrowser browser = new PassageBrowser();
            HttpResponse<String> back = signInWith(browser, "max_age=300");
            assertEquals(401, back.statusCode(), flaw + ": " + back.body());
            assertEquals(302, browser.get(app("protected")).statusCode(), flaw + ": no session");
        }
        // without max_age auth_time is no concern of the relying party's (OIDC Core 2)
        provider.behaviour().authTime(AuthTimeFlaw.TOO_OLD);
        assertEquals(302, signInWith(new PassageBrowser(), "return=/protected").statusCode());
    }

    @Test
    void aRequestCannotSetProtectedParametersOrInvalidValues() {
        int before = provider.authorizationRequests();
        for (String query : List.of("state=chosen-by-an-attacker", "redirect_uri=https%3A%2F%2Fevil.example%2F",
                "prompt=none%20login", "max_age=-1", "prompt=login&prompt=none")) {
            HttpResponse<String> refused = new PassageBrowser().get(app("passage/signin?" + query));
            assertEquals(400, refused.statusCode(), query + ": " + refused.body());
            assertFalse(refused.body().contains("evil.example"), "the value is not repeated: " + refused.body());
        }
        assertEquals(before, provider.authorizationRequests(), "the provider was never asked");
    }

    private static Map<String, String> queryOf(HttpResponse<String> redirect) {
        return query(PassageBrowser.location(redirect));
    }

    @Test
    void aPageThatNeedsAStrongerAcrSendsTheBrowserBackToTheProviderAndThenShowsIt() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        assertEquals("kept", Pages.lines(browser.get(app("mark?value=kept")).body()).get("mark"));

        HttpResponse<String> stepUp = browser.get(app("stepped-up/transfer?amount=10"));
        assertEquals(302, stepUp.statusCode(), stepUp.body());
        assertEquals(LocalPassageProvider.ACR_MFA, queryOf(stepUp).get("acr_values"));
        HttpResponse<String> back = browser.get(LoginPage.open(PassageBrowser.location(stepUp))
                .signInAs(TestProvider.ALICE));
        assertEquals(302, back.statusCode(), back.body());
        HttpResponse<String> page = browser.follow(back);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> shown = Pages.lines(page.body());
        assertEquals("/stepped-up/transfer", shown.get("path"), "back on the page asked for");
        assertEquals(TestProvider.ALICE, shown.get("user"));
        assertEquals(LocalPassageProvider.ACR_MFA, shown.get("acr"));
        assertEquals("kept", shown.get("mark"), "the same user keeps the session");
        assertEquals(200, browser.get(app("stepped-up/other")).statusCode(), "met now, for every page it covers");
    }

    @Test
    void aProviderThatKeepsTheWeakerAcrGrantsNothing() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        provider.behaviour().acr(LocalPassageProvider.ACR_PASSWORD);
        HttpResponse<String> stepUp = browser.get(app("stepped-up/transfer"));
        HttpResponse<String> back = browser.get(LoginPage.open(PassageBrowser.location(stepUp))
                .signInAs(TestProvider.ALICE));
        assertEquals(401, back.statusCode(), "OIDC Core 3.1.3.7 step 12: " + back.body());
        assertEquals(200, browser.get(app("protected")).statusCode(), "the session as it was");
        assertEquals(302, browser.get(app("stepped-up/transfer")).statusCode(), "and still short of the page");
    }

    @Test
    void anAnonymousBrowserIsSentToSignInWithTheRequirementWithoutAnyWebConstraint() {
        HttpResponse<String> challenge = new PassageBrowser().get(app("stepped-up/transfer"));
        assertEquals(302, challenge.statusCode(), challenge.body());
        assertEquals(LocalPassageProvider.ACR_MFA, queryOf(challenge).get("acr_values"));
        HttpResponse<String> api = new PassageBrowser().send(HttpRequest.newBuilder(app("stepped-up/transfer"))
                .header("Accept", "application/json"));
        assertEquals(401, api.statusCode());
    }

    @Test
    void anAuthenticationTooOldForThePageIsRenewedWithMaxAge() throws Exception {
        provider.behaviour().authTime(AuthTimeFlaw.TOO_OLD);
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        provider.behaviour().reset();
        HttpResponse<String> stepUp = browser.get(app("recent"));
        assertEquals(302, stepUp.statusCode(), stepUp.body());
        assertEquals("300", queryOf(stepUp).get("max_age"));
        HttpResponse<String> page = browser.follow(browser.get(LoginPage.open(PassageBrowser.location(stepUp))
                .signInAs(TestProvider.ALICE)));
        assertEquals("/recent", Pages.lines(page.body()).get("path"), page.body());
    }

    @Test
    void aBearerCallerWithoutTheRequiredAcrGetsRfc9470sChallenge() {
        String weak = provider.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.NONE);
        HttpResponse<String> refused = new PassageBrowser().send(HttpRequest.newBuilder(app("api/payments"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + weak));
        assertEquals(401, refused.statusCode(), refused.body());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer "), challenge);
        assertTrue(challenge.contains("error=\"insufficient_user_authentication\""), challenge);
        assertTrue(challenge.contains("acr_values=\"" + LocalPassageProvider.ACR_MFA + "\""), challenge);

        String strong = provider.accessToken(TestProvider.ALICE, TestProvider.clientId(), LocalPassageProvider.ACR_MFA);
        HttpResponse<String> served = new PassageBrowser().send(HttpRequest.newBuilder(app("api/payments"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + strong));
        assertEquals(200, served.statusCode(), served.body());
    }
}
