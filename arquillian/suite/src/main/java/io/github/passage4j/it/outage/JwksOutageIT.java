package io.github.passage4j.it.outage;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider's key set goes down after the app fetched it, and stays down past the set's max age: signed-in
 * sessions and bearer tokens keep working with the cached keys. The provider announces a short max age
 * ({@code Cache-Control: max-age=30}, the shortest the library honours), so the set ages within the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwksOutageIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected");
    /** The key set's max age as the provider announces it. */
    private static final Duration KEYS_MAX_AGE = Duration.ofSeconds(30);
    /** Past the max age with room to spare, and the bound of the whole wait. */
    private static final Duration PAST_MAX_AGE = KEYS_MAX_AGE.plusSeconds(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get().behaviour().reset().jwksCacheControl("max-age=" + KEYS_MAX_AGE.toSeconds());
        return Deployments.war("jwks-outage")
                .addClasses(OutageDefinition.class, PageServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @AfterAll
    static void providerBack() {
        TestProvider.get().behaviour().reset();
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    private URI app(String path) {
        return Deployments.base(base, "jwks-outage").resolve(path);
    }

    private HttpResponse<String> withFreshBearerToken() {
        String token = provider.accessToken(TestProvider.ALICE, TestProvider.clientId(), TokenFlaw.NONE);
        return new PassageBrowser().send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token));
    }

    private static void assertAlice(HttpResponse<String> page, String what) {
        assertEquals(200, page.statusCode(), what + ": " + page.body());
        assertTrue(page.body().contains("userPrincipal.name=" + TestProvider.ALICE), what + ": " + page.body());
    }

    @Test
    void sessionAndBearerTokensKeepWorkingWhileTheKeySetIsDownPastItsMaxAge() {
        PassageBrowser browser = new PassageBrowser();
        assertAlice(browser.signIn(app("protected"), TestProvider.ALICE), "sign-in");
        assertAlice(withFreshBearerToken(), "bearer token while the key set is up");
        int fetches = provider.jwksRequests();
        assertTrue(fetches >= 1, "the app fetched the key set");
        long keysFetched = System.nanoTime();

        provider.behaviour().fail(Endpoint.JWKS, Fault.serverError());
        // until the set is past its max age and the app has tried, and failed, to fetch it again
        while (Duration.ofNanos(System.nanoTime() - keysFetched).compareTo(PAST_MAX_AGE) < 0
                || provider.jwksRequests() == fetches) {
            assertTrue(Duration.ofNanos(System.nanoTime() - keysFetched).compareTo(GIVE_UP) < 0,
                    "the app did not try to fetch the key set again within " + GIVE_UP);
            // a fresh token each time (a second apart, so its iat differs): not one the app remembers as verified
            assertAlice(withFreshBearerToken(), "bearer token while the key set is down");
            assertAlice(browser.get(app("protected")), "signed-in session while the key set is down");
            sleep(Duration.ofSeconds(1));
        }
        assertAlice(withFreshBearerToken(), "bearer token past the key set's max age");
        assertAlice(browser.get(app("protected")), "signed-in session past the key set's max age");
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
