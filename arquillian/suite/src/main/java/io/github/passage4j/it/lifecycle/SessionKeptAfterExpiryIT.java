package io.github.passage4j.it.lifecycle;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code endSessionAtTokenExpiry = false} (as configuration): the session outlives its unrefreshable tokens; and an
 * explicit {@code endSessionEndpoint} wins over discovery.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionKeptAfterExpiryIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected").declaringRoles("admin", "auditor");

    @Deployment(testable = false)
    static WebArchive deployment() {
        LocalPassageProvider provider = TestProvider.get();
        WebArchive war = Deployments.war("keptsession")
                .addClasses(KeptSessionDefinition.class, StatusServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.withConfig(war, Map.of(
                "passage.end-session-at-token-expiry", "false",
                // the query tells this explicit endpoint from the one discovery lists
                "passage.end-session-endpoint", provider.issuer() + "/logout?from=config"));
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
        return Deployments.base(base, "keptsession").resolve(path);
    }

    @Test
    void theSessionOutlivesItsExpiredTokens() throws Exception {
        provider.behaviour().accessTokenLifetime(Duration.ofSeconds(1));
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> signedIn = browser.signIn(app("protected"), TestProvider.ALICE);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        // the tokens were issued during the sign-in for one second: five seconds after it they have expired, with a
        // margin of four however slow the machine is (waiting longer can only make them more expired)
        Thread.sleep(5000);
        HttpResponse<String> page = browser.get(app("protected"));
        assertEquals(200, page.statusCode(), "the container session still holds the caller");
        assertTrue(page.body().contains("name=" + TestProvider.ALICE), page.body());
    }

    @Test
    void theConfiguredEndSessionEndpointWinsOverDiscovery() {
        PassageBrowser browser = new PassageBrowser();
        assertEquals(200, browser.signIn(app("protected"), TestProvider.ALICE).statusCode());
        HttpResponse<String> logout = browser.get(app("logout"));
        assertEquals(URI.create(provider.issuer() + "/logout?from=config"), PostedForm.parse(logout).action());
        assertEquals(200, browser.submitForm(logout).statusCode());
        assertEquals(302, browser.get(app("protected")).statusCode(), "signed out");
    }
}
