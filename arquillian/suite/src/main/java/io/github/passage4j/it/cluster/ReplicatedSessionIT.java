package io.github.passage4j.it.cluster;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.support.TestProvider;
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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.github.passage4j.it.support.Pages.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes, one replicated HTTP session ({@code <distributable/>}): whatever node a request reaches, the caller is
 * the same, through a sign-in that hops nodes, a restart of a node, and logouts received by one node only. This is
 * what an app behind a load balancer without sticky sessions needs of the library: that everything it keeps is in
 * the session (serializable, written back when changed), and that a back-channel logout is shared through the
 * ended-sessions cache the cluster module names.
 *
 * <p>The nodes are the containers {@value ClusterApp#NODE_A} and {@value ClusterApp#NODE_B} (mode manual) of the
 * cluster module; the URLs are test method parameters because the apps are deployed by the test, after the test
 * instance was enriched.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReplicatedSessionIT {

    private static final ClusterNodes NODES = new ClusterNodes(ReplicatedSessionIT.class);

    @Deployment(name = ClusterApp.A, managed = false, testable = false)
    @TargetsContainer(ClusterApp.NODE_A)
    static WebArchive onA() {
        return ClusterApp.replicatedSession();
    }

    @Deployment(name = ClusterApp.B, managed = false, testable = false)
    @TargetsContainer(ClusterApp.NODE_B)
    static WebArchive onB() {
        return ClusterApp.replicatedSession();
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
        assertEquals(a.getPort(), callback.getPort(), "the provider sends the browser back to A");
        Map<String, String> landed = lines(browser.finishSignIn(callback, b));
        assertEquals(TestProvider.ALICE, landed.get("name"), "B completed the sign-in A started");

        Map<String, String> onA = lines(browser.get(page(a)));
        Map<String, String> onB = lines(browser.get(page(b)));
        assertEquals(TestProvider.ALICE, onA.get("name"));
        assertEquals(TestProvider.ALICE, onB.get("name"));
        assertEquals(onA.get("sid"), onB.get("sid"), "one sign-in, seen by both nodes");
        assertNotEquals(onA.get("jvm"), onB.get("jvm"), "two nodes answered");
    }

    @Test
    void aSessionCreatedOnAIsUsedOnBWithoutSigningInAgain(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        Map<String, String> onA = lines(browser.signIn(page(a), TestProvider.BOB));
        int tokenRequests = provider.tokenRequests();
        for (int i = 0; i < 3; i++) {
            Map<String, String> onB = lines(browser.get(page(b)));
            assertEquals(TestProvider.BOB, onB.get("name"));
            assertEquals(onA.get("sid"), onB.get("sid"));
            assertEquals(TestProvider.BOB, lines(browser.get(page(a))).get("name"));
        }
        assertEquals(tokenRequests, provider.tokenRequests(), "no new sign-in, no call to the provider");
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
        assertEquals(TestProvider.ALICE, lines(browser.get(page(b))).get("name"));
    }

    @Test
    void aLocalLogoutOnAEndsTheSessionOnB(@ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
                                          @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        NodeHopper browser = new NodeHopper();
        lines(browser.signIn(page(a), TestProvider.ALICE));
        assertEquals(TestProvider.ALICE, lines(browser.get(page(b))).get("name"));

        HttpResponse<String> logout = browser.get(Deployments.base(a, ClusterApp.NAME).resolve("passage/logout"));
        assertTrue(logout.statusCode() == 200 || PassageBrowser.isRedirect(logout),
                "the logout page, on to the provider: " + logout.statusCode());
        assertSignedOut(browser.get(page(b)), "B: the session A ended");
        assertSignedOut(browser.get(page(a)), "A");
    }

    @Test
    void aLogoutTokenDeliveredToAIsARefusedReplayOnB(
            @ArquillianResource @OperateOnDeployment(ClusterApp.A) URL a,
            @ArquillianResource @OperateOnDeployment(ClusterApp.B) URL b) {
        aLogoutTokenReplayedToBIsRefused(a, b);
    }

    /** Signs in on A, delivers a logout token to A, replays it to B: refused there, and the session is ended. */
    static void aLogoutTokenReplayedToBIsRefused(URL a, URL b) {
        NodeHopper browser = new NodeHopper();
        String sid = lines(browser.signIn(page(a), TestProvider.ALICE)).get("sid");
        String token = TestProvider.get().logoutToken(TestProvider.ALICE, sid);
        HttpResponse<String> delivered = postLogoutToken(a, token);
        assertEquals(200, delivered.statusCode(), delivered.body());
        // Back-Channel Logout 2.6 step 8 across nodes: the jti A received is in the shared cache
        HttpResponse<String> replayed = postLogoutToken(b, token);
        assertEquals(400, replayed.statusCode(), "B refuses the replay: " + replayed.body());
        assertSignedOut(browser.get(page(b)), "B: the session the logout ended");
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

    static HttpResponse<String> postLogoutToken(URL node, String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(Deployments.base(node, ClusterApp.NAME)
                        .resolve("passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    /** Not signed in: a page navigation to the protected page is sent to the provider. */
    static void assertSignedOut(HttpResponse<String> response, String what) {
        assertEquals(302, response.statusCode(), what + ": " + response.body());
        assertTrue(PassageBrowser.location(response).toString()
                .startsWith(TestProvider.get().issuer() + "/authorize"), what + ": " + PassageBrowser.location(response));
    }
}
