package io.github.passage4j.it.lifecycle;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Behaviour;
import io.github.passage4j.provider.Endpoint;
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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole session lifecycle and REST, end to end against the local provider: refresh (with short-lived tokens),
 * expiry, RP-initiated and back-channel logout, bearer access tokens and Passage element tokens, and roles from a
 * claim and from the app's own identity store.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionLifecycleIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected", "/api/*")
            .declaringRoles("admin", "auditor")
            .withContextParam("resteasy.role.based.security", "true");

    @Deployment(testable = false)
    static WebArchive deployment() {
        LocalPassageProvider provider = TestProvider.get();
        WebArchive war = Deployments.war("lifecycle")
                .addClasses(LifecycleDefinition.class, AuditorGroupsStore.class, StatusServlet.class,
                        HomeServlet.class, ApiApplication.class, ApiResource.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        // the testing aid: element tokens of this app are issued by the local provider
        return Deployments.withConfig(war, Map.of("passage.element-token-issuer-base", provider.issuer().toString()));
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
        return Deployments.base(base, "lifecycle").resolve(path);
    }


    /**
     * Tokens issued already within the app's {@code tokenMinValidity} (60 s) of their expiry, as if aged: the first
     * request after the sign-in finds a refresh due, without waiting on a real clock; and a slow machine only makes it
     * more due, since a due refresh comes before the expiry check.
     */
    private static final Duration AGED = Duration.ofSeconds(20);

    /**
     * Signs in as Alice up to the callback, whose redirect on to the page is not followed: the session holds the
     * tokens the provider issued, and the next request is the first to look at them.
     */
    private void signInUpToTheCallback(PassageBrowser browser) throws IOException {
        HttpResponse<String> challenge = browser.get(app("protected"));
        assertEquals(302, challenge.statusCode(), challenge.body());
        URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
        HttpResponse<String> established = browser.get(callback);
        assertEquals(302, established.statusCode(), "the callback sends the browser on to the page: " + established.body());
        assertEquals(app("protected"), PassageBrowser.location(established));
    }

    /** The token request of the last refresh the provider saw. */
    private RecordedRequest lastRefresh() {
        List<RecordedRequest> tokenRequests = provider.requests(Endpoint.TOKEN);
        RecordedRequest last = tokenRequests.get(tokenRequests.size() - 1);
        assertEquals("refresh_token", last.parameter("grant_type"), "the last token request was a refresh");
        return last;
    }

    // ---------------------------------------------------------------- refresh and expiry

    @Test
    void refreshKeepsTheSessionWithOneRefreshUnderParallelRequests() throws Exception {
        provider.behaviour().refreshTokens(true).accessTokenLifetime(AGED);
        PassageBrowser browser = new PassageBrowser();
        signInUpToTheCallback(browser);
        int tokenRequests = provider.tokenRequests();
        // the refreshed tokens are fresh: no second refresh is due
        provider.behaviour().accessTokenLifetime(Behaviour.DEFAULT_ACCESS_TOKEN_LIFETIME);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> accessTokens = new HashSet<>();
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> browser.get(app("protected")));
            }
            for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
                Map<String, String> page = Pages.lines(result.get());
                assertEquals(TestProvider.ALICE, page.get("name"));
                accessTokens.add(page.get("accessToken"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(tokenRequests + 1, provider.tokenRequests(), "one refresh for all parallel requests");
        RecordedRequest refresh = lastRefresh();
        Map<String, String> after = Pages.lines(browser.get(app("protected")));
        assertEquals(TestProvider.ALICE, after.get("name"), "signed in with the refreshed tokens");
        assertEquals(tokenRequests + 1, provider.tokenRequests(), "the refreshed tokens are kept: no refresh due");
        // a request that came while another refreshed is served with the tokens it found, still valid
        assertTrue(accessTokens.contains(after.get("accessToken")), "the refreshed tokens served a parallel request");
        assertNotEquals(StatusServlet.fingerprint(refresh.parameter("refresh_token")), after.get("refreshToken"),
                "the rotated refresh token is kept");
        assertFalse(after.get("sid").isEmpty(), "the refreshed ID token keeps the provider session");
    }

    @Test
    void refreshedIdTokenValuesReachTheProfileAndTheRoles() throws Exception {
        provider.behaviour().refreshTokens(true).accessTokenLifetime(AGED);
        PassageBrowser browser = new PassageBrowser();
        signInUpToTheCallback(browser);
        // only the refreshed ID token says so: the sign-in's had Alice's email and no groups
        provider.behaviour().accessTokenLifetime(Behaviour.DEFAULT_ACCESS_TOKEN_LIFETIME)
                .idTokenClaims(claims -> claims.claim("email", "alice.new@example.com")
                        .claim("groups", List.of("admin")));
        int tokenRequests = provider.tokenRequests();
        Map<String, String> after = Pages.lines(browser.get(app("protected")));
        assertEquals(tokenRequests + 1, provider.tokenRequests(), "refreshed");
        lastRefresh();
        assertEquals("alice.new@example.com", after.get("email"));
        assertEquals("true", after.get("isCallerInRole.admin"));
        assertEquals("true", after.get("isUserInRole.admin"));
    }

    @Test
    void refreshedIdTokenOfAnotherSubjectEndsTheSession() throws Exception {
        provider.behaviour().refreshTokens(true).accessTokenLifetime(AGED);
        PassageBrowser browser = new PassageBrowser();
        signInUpToTheCallback(browser);
        provider.behaviour().idTokenClaims(claims -> claims.subject(TestProvider.BOB));
        HttpResponse<String> page = browser.get(app("protected"));
        lastRefresh();
        assertEquals(302, page.statusCode(), "OIDC Core 12.2: another sub ends the session; a new sign-in starts");
        assertTrue(PassageBrowser.location(page).toString().startsWith(provider.issuer() + "/authorize"));
    }

    @Test
    void withoutARefreshTokenTheSessionEndsAtTheAccessTokensExpiry() throws Exception {
        provider.behaviour().accessTokenLifetime(Duration.ofSeconds(1));
        PassageBrowser browser = new PassageBrowser();
        signInUpToTheCallback(browser);
        int tokenRequests = provider.tokenRequests();
        // a poll with a deadline, not a sleep against the expiry: the session must end within a second
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> page = browser.get(app("protected"));
        while (page.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            page = browser.get(app("protected"));
        }
        assertEquals(302, page.statusCode(), "expired: signed out");
        assertTrue(PassageBrowser.location(page).toString().startsWith(provider.issuer() + "/authorize"));
        assertEquals(tokenRequests, provider.tokenRequests(), "no refresh was attempted without a refresh token");
    }

    // ---------------------------------------------------------------- logout

    @Test
    void rpInitiatedLogoutSendsAFreshStateAndTheReturnIsHandledWithAnyState() {
        PassageBrowser browser = new PassageBrowser();
        Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE));
        HttpResponse<String> logout = browser.get(app("logout"));
        PostedForm form = PostedForm.parse(logout);
        String state = form.fields().get("state");
        assertTrue(state != null && state.length() >= 43, "a random state of at least 256 bits: " + form.fields());
        HttpResponse<String> landed = browser.submitForm(logout);
        assertEquals(app(""), URI.create(landed.uri().toString().replaceAll("\\?.*", "")));
        assertEquals(state, landed.uri().getRawQuery().replace("state=", ""), "the provider returned the state");
        assertEquals(200, landed.statusCode(), landed.body());
        assertEquals(200, browser.get(app("?state=another")).statusCode());
        assertEquals(200, browser.get(app("")).statusCode());
        assertEquals(302, browser.get(app("protected")).statusCode(), "signed out");
    }

    @Test
    void backChannelLogoutEndsTheSessionOfItsSidThenEveryOneOfTheSubject() {
        PassageBrowser first = new PassageBrowser();
        PassageBrowser second = new PassageBrowser();
        String firstSid = Pages.lines(first.signIn(app("protected"), TestProvider.ALICE)).get("sid");
        String secondSid = Pages.lines(second.signIn(app("protected"), TestProvider.ALICE)).get("sid");
        assertFalse(firstSid.isEmpty(), "the provider names its session in the ID token");
        assertNotEquals(firstSid, secondSid);

        HttpResponse<String> answer = postLogoutToken(provider.logoutToken(TestProvider.ALICE, firstSid));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(answer.headers().allValues("Set-Cookie").isEmpty(), "no session for the provider's call");
        assertEquals(302, first.get(app("protected")).statusCode(), "the session of that sid ended");
        assertEquals(200, second.get(app("protected")).statusCode(), "another session of the same user stays");

        assertEquals(200, postLogoutToken(provider.logoutToken(TestProvider.ALICE, null)).statusCode());
        assertEquals(302, second.get(app("protected")).statusCode(), "a logout by sub ends every session of it");
        assertEquals(200, new PassageBrowser().signIn(app("protected"), TestProvider.ALICE).statusCode(),
                "a later sign-in is not affected");
    }

    @Test
    void everyInvalidLogoutTokenGets400AndEndsNothing() {
        PassageBrowser browser = new PassageBrowser();
        String sid = Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE)).get("sid");
        for (TokenFlaw flaw : EnumSet.complementOf(EnumSet.of(TokenFlaw.NONE))) {
            HttpResponse<String> answer = postLogoutToken(provider.logoutToken(TestProvider.ALICE, sid, flaw));
            assertEquals(400, answer.statusCode(), flaw + ": " + answer.body());
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""), flaw.toString());
            assertFalse(answer.body().contains("Back-Channel") || answer.body().contains("step"), answer.body());
        }
        assertEquals(400, postLogoutToken("not-a-jwt").statusCode());
        assertEquals(400, new PassageBrowser().send(HttpRequest.newBuilder(app("passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("other=1"))).statusCode(), "no logout_token");
        assertEquals(405, new PassageBrowser().get(app("passage/backchannel-logout")).statusCode());
        assertEquals(200, browser.get(app("protected")).statusCode(), "still signed in");

        String token = provider.logoutToken(TestProvider.ALICE, sid);
        assertEquals(200, postLogoutToken(token).statusCode());
        assertEquals(400, postLogoutToken(token).statusCode(), "Back-Channel Logout 2.6 step 8: a replay");
    }

    private HttpResponse<String> postLogoutToken(String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(app("passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    // ---------------------------------------------------------------- bearer tokens

    private HttpResponse<String> api(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app(path)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new PassageBrowser().send(request);
    }

    @Test
    void aBearerAccessTokenAuthenticatesWithoutASession() {
        HttpResponse<String> me = api("api/me", "Bearer "
                + provider.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.NONE));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"name\":\"" + TestProvider.BOB + "\""), me.body());
        assertTrue(me.body().contains("\"auditor\":true"), "groups of the identity store: " + me.body());
        assertTrue(me.headers().allValues("Set-Cookie").isEmpty(), "stateless: " + me.headers().map());
        assertEquals(200, api("api/audit", "Bearer "
                + provider.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.NONE)).statusCode());
        assertEquals(403, api("api/admin", "Bearer "
                + provider.accessToken(TestProvider.BOB, TestProvider.clientId(), TokenFlaw.NONE)).statusCode());
    }

    @Test
    void everyBadBearerTokenGets401InvalidTokenNeverARedirect() {
        for (TokenFlaw flaw : List.of(TokenFlaw.EXPIRED, TokenFlaw.AUD_WRONG, TokenFlaw.ISSUER_WRONG,
                TokenFlaw.ALG_NONE, TokenFlaw.ALG_HS256, TokenFlaw.UNKNOWN_KEY, TokenFlaw.ALG_ES256_PUBLISHED_KEY,
                TokenFlaw.ID_TOKEN_SHAPED)) {
            assertInvalidToken(api("api/me", "Bearer " + provider.accessToken(TestProvider.ALICE,
                    TestProvider.clientId(), flaw)), flaw.toString());
            assertInvalidToken(api("api/me", "Bearer " + provider.elementToken(LifecycleDefinition.APP_ID,
                    TestProvider.ALICE, flaw)), "element token " + flaw);
        }
        assertInvalidToken(api("api/me", "Bearer not-a-jwt"), "garbage");
        assertInvalidToken(api("api/me", "Bearer "), "empty");
        assertInvalidToken(new PassageBrowser().send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "text/html").header("Authorization", "Bearer "
                        + provider.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.EXPIRED))),
                "a page navigation with a bad token");
        HttpResponse<String> anonymous = api("api/me", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertFalse(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("error="));
    }

    @Test
    void anIdTokenOfARealSignInOrALogoutTokenIsNoBearerToken() {
        PassageBrowser browser = new PassageBrowser();
        String sid = Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE)).get("sid");
        // the logout form hands the sign-in's ID token to the provider (id_token_hint): one way an ID token leaks
        PostedForm form = PostedForm.parse(browser.get(app("logout")));
        String idToken = form.fields().get("id_token_hint");
        assertTrue(idToken != null && idToken.chars().filter(c -> c == '.').count() == 2, "an ID token: "
                + form.fields().keySet());
        // its aud is the client id, the default bearer audience: only its shape tells it apart (RFC 8725 3.11)
        assertInvalidToken(api("api/me", "Bearer " + idToken), "the ID token of a real sign-in");
        assertInvalidToken(api("api/me", "Bearer " + provider.logoutToken(TestProvider.ALICE, sid)), "a logout token");
        assertInvalidToken(api("api/me", "Bearer " + provider.logoutToken(TestProvider.ALICE, null)),
                "a logout token without sid");
        HttpResponse<String> accessToken = api("api/me", "Bearer "
                + provider.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.NONE));
        assertEquals(200, accessToken.statusCode(), "access tokens still work: " + accessToken.body());
    }

    private static void assertInvalidToken(HttpResponse<String> response, String what) {
        assertEquals(401, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")
                && response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                what + ": " + response.headers().map());
        assertTrue(response.headers().firstValue("Location").isEmpty(), what);
    }

    @Test
    void aPassageElementTokenAuthenticatesFromTheHeaderAndFromItsCookie() {
        String token = provider.elementToken(LifecycleDefinition.APP_ID, TestProvider.ALICE, TokenFlaw.NONE);
        HttpResponse<String> byHeader = api("api/me", "Bearer " + token);
        assertEquals(200, byHeader.statusCode(), byHeader.body());
        assertTrue(byHeader.body().contains("\"iss\":\"" + provider.issuer() + "/v1/apps/"
                + LifecycleDefinition.APP_ID + "\""), byHeader.body());
        HttpResponse<String> byCookie = new PassageBrowser().send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json").header("Cookie", "psg_auth_token=" + token));
        assertEquals(200, byCookie.statusCode(), byCookie.body());
        assertTrue(byCookie.body().contains("\"name\":\"" + TestProvider.ALICE + "\""), byCookie.body());
        assertTrue(byCookie.headers().allValues("Set-Cookie").isEmpty(), byCookie.headers().map().toString());
        String otherApp = provider.elementToken("another-app", TestProvider.ALICE, TokenFlaw.NONE);
        assertEquals(401, new PassageBrowser().send(HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json").header("Cookie", "psg_auth_token=" + otherApp)).statusCode(),
                "another app's token is no credential here");
    }

    @Test
    void theElementTokenCookieAuthenticatesAnUnsafeMethodOnlyFromTheAppsOwnPages() {
        String token = provider.elementToken(LifecycleDefinition.APP_ID, TestProvider.ALICE, TokenFlaw.NONE);
        String appOrigin = PassageBrowser.origin(app(""));
        HttpResponse<String> crossSite = postMe(token, "Sec-Fetch-Site", "cross-site");
        assertEquals(401, crossSite.statusCode(), "a cross-site POST is not authenticated by the cookie: "
                + crossSite.body());
        assertEquals(401, postMe(token, "Sec-Fetch-Site", "same-site").statusCode(), "a sibling site neither");
        assertEquals(401, postMe(token, "Origin", "http://attacker.example").statusCode(), "another Origin");
        assertEquals(401, postMe(token, null, null).statusCode(), "no proof at all");

        HttpResponse<String> sameOrigin = postMe(token, "Sec-Fetch-Site", "same-origin");
        assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
        assertTrue(sameOrigin.body().contains("\"name\":\"" + TestProvider.ALICE + "\""), sameOrigin.body());
        assertEquals(200, postMe(token, "Origin", appOrigin).statusCode(), "the app's own Origin");
    }

    private HttpResponse<String> postMe(String elementToken, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app("api/me"))
                .header("Accept", "application/json").header("Cookie", "psg_auth_token=" + elementToken)
                .POST(HttpRequest.BodyPublishers.noBody());
        return new PassageBrowser().send(header == null ? request : request.header(header, value));
    }

    // ---------------------------------------------------------------- roles

    @Test
    void rolesComeFromTheClaimAndFromTheAppsIdentityStore() {
        provider.behaviour().idTokenClaims(claims -> claims.claim("groups", List.of("admin")));
        PassageBrowser alice = new PassageBrowser();
        Map<String, String> aliceStatus = Pages.lines(alice.signIn(app("protected"), TestProvider.ALICE));
        assertEquals("true", aliceStatus.get("isCallerInRole.admin"));
        assertEquals("false", aliceStatus.get("isCallerInRole.auditor"));
        assertEquals(200, alice.send(HttpRequest.newBuilder(app("api/admin"))).statusCode());
        assertEquals(403, alice.send(HttpRequest.newBuilder(app("api/audit"))).statusCode());

        provider.behaviour().reset();
        PassageBrowser bob = new PassageBrowser();
        Map<String, String> bobStatus = Pages.lines(bob.signIn(app("protected"), TestProvider.BOB));
        assertEquals("false", bobStatus.get("isCallerInRole.admin"));
        assertEquals("true", bobStatus.get("isCallerInRole.auditor"), "from the identity store");
        assertEquals(403, bob.send(HttpRequest.newBuilder(app("api/admin"))).statusCode());
        assertEquals(200, bob.send(HttpRequest.newBuilder(app("api/audit"))).statusCode());
    }
}
