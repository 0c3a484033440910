package io.github.passage4j.it.outage;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider is down while the app deploys and for a while after: the app deploys anyway, answers a sign-in it
 * cannot start with a clean 503 page, gives up on a hanging provider within its read timeout, and signs users in as
 * soon as the provider is back, without a redeploy. The methods run in order: each leaves the provider as the next
 * one expects it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderDownAtDeployIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected");

    /** Longer than the library's failure back-off (about 2 s) and than the app's read timeout, with room to spare. */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // down before the archive is even handed to the server, so it is down for the whole deployment
        TestProvider.get().behaviour().reset().fail(Endpoint.DISCOVERY, Fault.serverError());
        return Deployments.war("outage")
                .addClasses(OutageDefinition.class, PageServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @AfterAll
    static void providerBack() {
        // also lets go of any request still held by the hang, so other test classes find the provider as new
        TestProvider.get().behaviour().reset();
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    private URI app(String path) {
        return Deployments.base(base, "outage").resolve(path);
    }

    private static void assertCleanUnavailablePage(HttpResponse<String> page) {
        assertEquals(503, page.statusCode(), page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Retry-After").isPresent(), "Retry-After tells when to try again");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                page.headers().toString());
        assertTrue(page.body().contains("Sign-in is unavailable"), page.body());
        assertFalse(page.body().contains("Exception"), page.body());
        assertFalse(page.body().contains("\tat "), "no stack trace: " + page.body());
        assertFalse(page.body().contains("/.well-known"), "no provider internals: " + page.body());
        assertFalse(page.headers().firstValue("Location").isPresent(), "not a redirect to the provider");
    }

    @Test
    @Order(1)
    void deploysWhileTheProviderIsDown() {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.get(app("public"));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("page=/public"), page.body());
    }

    @Test
    @Order(2)
    void protectedPageGetsACleanUnavailablePage() {
        int discoveriesBefore = provider.discoveryRequests();
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.get(app("protected"));
        assertCleanUnavailablePage(page);
        assertTrue(provider.discoveryRequests() > discoveriesBefore,
                "the 503 comes from asking the provider (discovery happens on first need, not at deployment)");
        // more requests while the provider is down get the same page, from any browser
        assertCleanUnavailablePage(browser.get(app("protected")));
        assertCleanUnavailablePage(new PassageBrowser().get(app("protected")));
    }

    @Test
    @Order(3)
    void hangingDiscoveryIsGivenUpOnWithinTheReadTimeout() {
        provider.behaviour().fail(Endpoint.DISCOVERY, Fault.hang());
        PassageBrowser browser = new PassageBrowser();
        // within the back-off of the previous failure the app answers at once without asking the provider: ask
        // until a request does reach the (now hanging) discovery endpoint, and time that one
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (true) {
            int discoveriesBefore = provider.discoveryRequests();
            long start = System.nanoTime();
            HttpResponse<String> page = browser.get(app("protected"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (provider.discoveryRequests() > discoveriesBefore) {
                assertCleanUnavailablePage(page);
                assertTrue(took.compareTo(Duration.ofMillis(OutageDefinition.READ_TIMEOUT_MILLIS - 200)) >= 0,
                        "this request waited for the hanging provider: " + took);
                // the discovery endpoint never answers: only the app's own bound ends the wait (with a margin for a busy
                // machine; that the configured read timeout is that bound is the unit tests' to show, TokenEndpointTest)
                assertTrue(took.compareTo(Duration.ofMillis(OutageDefinition.READ_TIMEOUT_MILLIS).plusSeconds(20)) < 0,
                        "the wait is bounded by the configured read timeout (" + OutageDefinition.READ_TIMEOUT_MILLIS
                                + " ms), not by the provider: " + took);
                return;
            }
            assertCleanUnavailablePage(page);
            assertTrue(System.nanoTime() < deadline, "no request reached the discovery endpoint within "
                    + RECOVERY_WAIT + ": the failure back-off never ended");
            sleep(Duration.ofMillis(250));
        }
    }

    @Test
    @Order(4)
    void signInWorksOnceTheProviderIsBackWithoutARedeploy() {
        provider.behaviour().reset();
        PassageBrowser browser = new PassageBrowser();
        // the last failure is remembered for a short back-off: until it ends, the page still says unavailable
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        HttpResponse<String> challenge = browser.get(app("protected"));
        while (challenge.statusCode() == 503 && System.nanoTime() < deadline) {
            assertCleanUnavailablePage(challenge);
            sleep(Duration.ofMillis(250));
            challenge = browser.get(app("protected"));
        }
        assertEquals(302, challenge.statusCode(), "back within " + RECOVERY_WAIT + ": " + challenge.body());
        assertTrue(PassageBrowser.location(challenge).toString().startsWith(provider.issuer() + "/authorize?"),
                PassageBrowser.location(challenge).toString());

        HttpResponse<String> page = new PassageBrowser().signIn(app("protected?after=outage"), TestProvider.ALICE);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("page=/protected"), page.body());
        assertTrue(page.body().contains("userPrincipal.name=" + TestProvider.ALICE), page.body());
        assertTrue(page.body().contains("query=after=outage"), "back on the page first asked for: " + page.body());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
