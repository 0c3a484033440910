package io.github.passage4j.it.cluster;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Behaviour;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.passage4j.it.support.Pages.lines;
import static io.github.passage4j.it.cluster.ReplicatedSessionIT.assertSignedOut;
import static io.github.passage4j.it.cluster.ReplicatedSessionIT.postLogoutToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes and no HTTP session at all ({@code passage.stateless=true}): the pending sign-in and the signed-in
 * session live in cookies encrypted with keys both nodes share, so any node serves any request with no session
 * replication (the app is not even {@code <distributable/>}). A logout must still hold on every node although the
 * browser (or a thief) may keep the old cookies: that is the shared ended-sessions cache's job.
 *
 * <p>The keys are made by this test for this run: two random 256-bit keys, base64url, the first encrypting. They are
 * test values, never used elsewhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StatelessClusterIT {

    private static final ClusterNodes NODES = new ClusterNodes(StatelessClusterIT.class);
    /** Test keys of this run only: the first encrypts, both decrypt. */
    private static final String KEYS = randomKey() + "," + randomKey();

    @Deployment(name = ClusterApp.A, managed = false, testable = false)
    @TargetsContainer(ClusterApp.NODE_A)
    static WebArchive onA() {
        return ClusterApp.stateless(KEYS);
    }

    @Deployment(name = ClusterApp.B, managed = false, testable = false)
    @TargetsContainer(ClusterApp.NODE_B)
    static WebArchive onB() {
        return ClusterApp.stateless(KEYS);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final LocalPassageProvider provider = TestProvider.get();

    @BeforeEach
    void bothNodesUp() {
        provider.behaviour().reset();
        NODES.up(controller, deployer);
    }

    @AfterEach
    void bothNodesDownAfterTheLastTest() {
        NODES.testDone();
    }

    /** The protected page of a node. */
    private static URI page(URL node) {
        return NODES.page(node);
    }

    @Test
    void aSignInStartedOnAFinishesOnB(@ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
                                      @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        URI callback = browser.startSignIn(page(a), TestProvider.ALICE);
        Map<String, String> landed = lines(browser.finishSignIn(callback, b));
        assertEquals(TestProvider.ALICE, landed.get("name"), "B completed the sign-in A started");
        assertEquals(TestProvider.ALICE, lines(browser.get(page(a))).get("name"));
        assertNoHttpSession(browser, a);
    }

    @Test
    void requestsAlternatingBetweenTheNodesAreServedWithoutAnHttpSession(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        String sid = lines(browser.signIn(page(a), TestProvider.BOB)).get("sid");
        int tokenRequests = provider.tokenRequests();
        String previousJvm = "";
        for (URL node : new URL[] {a, b, a, b}) {
            Map<String, String> page = lines(browser.get(page(node)));
            assertEquals(TestProvider.BOB, page.get("name"), node.toString());
            assertEquals(sid, page.get("sid"), node.toString());
            assertEquals("none", page.get("session"), "no HTTP session on " + node);
            assertNotEquals(previousJvm, page.get("jvm"), "the nodes took turns");
            previousJvm = page.get("jvm");
        }
        assertEquals(tokenRequests, provider.tokenRequests(), "no new sign-in, no call to the provider");
        assertNoHttpSession(browser, a);
    }

    @Test
    void theSessionOutlivesARestartOfA(@ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
                                       @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        Map<String, String> before = lines(browser.signIn(page(a), TestProvider.ALICE));
        NODES.restartA(a, () ->
                assertEquals(TestProvider.ALICE, lines(browser.get(page(b))).get("name"), "B serves it while A is down"));
        Map<String, String> after = lines(browser.get(page(a)));
        assertNotEquals(before.get("jvm"), after.get("jvm"), "A is a new process");
        assertEquals(TestProvider.ALICE, after.get("name"), "the session survived A's restart");
        assertEquals(before.get("sid"), after.get("sid"));
    }

    @Test
    void aRefreshOnBRenewsTheCookieAndANodeUsesTheRenewedOne(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        // issued with less left than tokenMinValidity (10 s by default): a refresh is due at the next request, with no
        // wait; the sign-in stops at A's callback, so B is the first to look at the tokens
        provider.behaviour().refreshTokens(true).accessTokenLifetime(Duration.ofSeconds(5));
        NodeHopper browser = new NodeHopper();
        HttpResponse<String> established = browser.get(browser.startSignIn(page(a), TestProvider.ALICE));
        assertEquals(302, established.statusCode(), "A's callback sends the browser on to the page");
        int tokenRequests = provider.tokenRequests();
        // only the refreshed ID token has this email, and the refreshed tokens are fresh
        provider.behaviour().accessTokenLifetime(Behaviour.DEFAULT_ACCESS_TOKEN_LIFETIME)
                .idTokenClaims(claims -> claims.claim("email", "alice.refreshed@example.com"));

        Map<String, String> onB = lines(browser.get(page(b)));
        assertEquals(TestProvider.ALICE, onB.get("name"));
        assertEquals(tokenRequests + 1, provider.tokenRequests(), "B refreshed the tokens");
        assertEquals("alice.refreshed@example.com", onB.get("email"), "the refreshed ID token is the profile's");
        assertEquals("none", onB.get("session"));

        Map<String, String> onA = lines(browser.get(page(a)));
        assertEquals("alice.refreshed@example.com", onA.get("email"), "A reads the cookie B renewed");
        assertEquals(tokenRequests + 1, provider.tokenRequests(), "no second refresh with the renewed cookie");
    }

    @Test
    void afterALocalLogoutOnATheOldCookiesAreRefusedOnB(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        lines(browser.signIn(page(a), TestProvider.ALICE));
        Map<String, String> kept = browser.cookies(Deployments.base(a, ClusterApp.NAME));
        assertEquals(TestProvider.ALICE, lines(NodeHopper.withCookies(page(b), kept)).get("name"),
                "the kept cookies are a session, before the logout");

        HttpResponse<String> logout = browser.get(Deployments.base(a, ClusterApp.NAME).resolve("passage/logout"));
        assertTrue(logout.statusCode() == 200 || PassageBrowser.isRedirect(logout),
                "the logout page, on to the provider: " + logout.statusCode());
        assertSignedOut(browser.get(page(b)), "the browser, on B");
        assertSignedOut(NodeHopper.withCookies(page(b), kept), "the cookies from before the logout, replayed on B");
        assertSignedOut(NodeHopper.withCookies(page(a), kept), "the same, on A");
    }

    @Test
    void aLogoutTokenDeliveredToAIsARefusedReplayOnB(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        ReplicatedSessionIT.aLogoutTokenReplayedToBIsRefused(a, b);
    }

    @Test
    void aBackChannelLogoutReceivedByAEndsTheSessionOnB(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        String sid = lines(browser.signIn(page(a), TestProvider.ALICE)).get("sid");
        assertFalse(sid.isEmpty(), "the provider names its session in the ID token");
        NodeHopper other = new NodeHopper();
        lines(other.signIn(page(b), TestProvider.BOB));

        HttpResponse<String> answer = postLogoutToken(a, provider.logoutToken(TestProvider.ALICE, sid));
        assertEquals(200, answer.statusCode(), answer.body());
        assertSignedOut(browser.get(page(b)), "B ended the session A was told about");
        assertSignedOut(browser.get(page(a)), "A");
        assertEquals(TestProvider.BOB, lines(other.get(page(b))).get("name"), "another caller's session stays");
    }

    @Test
    void aTamperedSessionCookieIsRefused(@ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
                                         @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        lines(browser.signIn(page(a), TestProvider.BOB));
        Map<String, String> cookies = browser.cookies(Deployments.base(b, ClusterApp.NAME));
        assertEquals(TestProvider.BOB, lines(NodeHopper.withCookies(page(b), cookies)).get("name"),
                "the untampered cookies are a session on B");

        Map<String, String> tampered = new LinkedHashMap<>();
        cookies.forEach((name, value) -> tampered.put(name, tamper(value)));
        HttpResponse<String> answer = NodeHopper.withCookies(page(b), tampered);
        assertSignedOut(answer, "a tampered session cookie (authenticated encryption) on B");
        assertEquals(TestProvider.BOB, lines(browser.get(page(b))).get("name"), "the real session is unaffected");
    }

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * Changes one base64url character from the middle of the value on: flips the highest of its six bits, which
     * every position decodes (the lowest bits of a segment's last character may be unused), so the bytes change.
     */
    private static String tamper(String value) {
        for (int at = value.length() / 2; at < value.length(); at++) {
            int bits = BASE64URL.indexOf(value.charAt(at));
            if (bits >= 0) {
                return value.substring(0, at) + BASE64URL.charAt(bits ^ 32) + value.substring(at + 1);
            }
        }
        return value;
    }

    private static void assertNoHttpSession(NodeHopper browser, URL node) {
        assertTrue(browser.cookieNamesSeen().stream().noneMatch(name -> name.startsWith("JSESSIONID")),
                "no session cookie was ever set: " + browser.cookieNamesSeen());
        assertTrue(browser.cookies(URI.create(node.toString())).keySet().stream()
                .noneMatch(name -> name.startsWith("JSESSIONID")), "none is held");
    }
}
