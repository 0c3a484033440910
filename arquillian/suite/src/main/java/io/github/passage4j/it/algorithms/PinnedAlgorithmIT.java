package io.github.passage4j.it.algorithms;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.lifecycle.StatusServlet;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OIDC Core 3.1.3.7 step 7 and Back-Channel Logout 1.0 2.6 step 3 against a provider that, like the OpenID
 * conformance suite's, publishes an EC key beside its RSA key and lists ES256 next to RS256 in discovery from the
 * start, so the app has read both before any token arrives: a token signed ES256 by the published key carries a
 * valid signature, and only the client's registered algorithm (RS256) refuses it. Its own provider, since the
 * shared one advertises RS256 only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PinnedAlgorithmIT {

    private static final String CLIENT_ID = "pinned-client";
    private static final String CLIENT_SECRET = "pinned-secret-0123456789";
    private static final WebXml WEB_XML = WebXml.protecting("/protected");

    private static LocalPassageProvider provider;

    private static synchronized LocalPassageProvider provider() {
        if (provider == null) {
            provider = LocalPassageProvider.builder().client(CLIENT_ID, CLIENT_SECRET)
                    .user(LocalPassageProviderExtension.ALICE).build().start();
            provider.behaviour().publishEcSigningKey();
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "passage-it-pinned-provider-shutdown"));
        }
        return provider;
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        String prefix = "passage." + PinnedAlgorithmDefinition.NAME + ".";
        WebArchive war = Deployments.war("pinned")
                .addClasses(PinnedAlgorithmDefinition.class, StatusServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.withConfig(war, Map.of(prefix + "issuer", provider().issuer().toString(),
                prefix + "client-id", CLIENT_ID, prefix + "client-secret", CLIENT_SECRET));
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void publishBothAlgorithms() {
        provider().behaviour().reset().publishEcSigningKey();
    }

    private URI app(String path) {
        return Deployments.base(base, "pinned").resolve(path);
    }


    @Test
    void aSignInWithAnEs256IdTokenByThePublishedKeyIsRefused() {
        assertEquals(TestProvider.ALICE, Pages.lines(new PassageBrowser().signIn(app("protected"), TestProvider.ALICE))
                .get("name"), "RS256 signs in, with the EC key published and ES256 advertised");
        provider().behaviour().signIdTokensWithEcKey();
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> refused = browser.signIn(app("protected"), TestProvider.ALICE);
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + ": "
                + refused.body());
        assertFalse(refused.body().contains("step 7"), "no validation detail in the response");
        provider().behaviour().reset().publishEcSigningKey();
        assertEquals(302, browser.get(app("protected")).statusCode(), "not signed in");
    }

    @Test
    void aBackChannelLogoutTokenSignedEs256Gets400AndTheSessionStays() {
        PassageBrowser browser = new PassageBrowser();
        String sid = Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE)).get("sid");
        assertFalse(sid.isEmpty());
        // the conformance module oidcc-client-test-rp-backchannel-rpinitlogout-wrong-alg
        HttpResponse<String> wrongAlg = postLogoutToken(provider().logoutToken(TestProvider.ALICE, sid,
                TokenFlaw.ALG_ES256_PUBLISHED_KEY));
        assertEquals(400, wrongAlg.statusCode(), wrongAlg.body());
        assertEquals(200, browser.get(app("protected")).statusCode(), "still signed in");

        assertEquals(200, postLogoutToken(provider().logoutToken(TestProvider.ALICE, sid)).statusCode());
        assertEquals(302, browser.get(app("protected")).statusCode(), "the RS256 logout token ends the session");
    }

    @Test
    void aBearerAccessTokenSignedEs256IsRefusedAndRs256Accepted() {
        HttpResponse<String> wrongAlg = bearer(provider().accessToken(TestProvider.ALICE, CLIENT_ID,
                TokenFlaw.ALG_ES256_PUBLISHED_KEY));
        assertEquals(401, wrongAlg.statusCode(), wrongAlg.body());
        assertTrue(wrongAlg.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                wrongAlg.headers().map().toString());
        HttpResponse<String> rs256 = bearer(provider().accessToken(TestProvider.ALICE, CLIENT_ID, TokenFlaw.NONE));
        assertEquals(200, rs256.statusCode(), "the same token signed RS256 passes: " + rs256.body());
    }

    /** A bearer token on the app's public root page: a refused token is answered 401 wherever it is sent. */
    private HttpResponse<String> bearer(String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(app("")).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> postLogoutToken(String token) {
        return new PassageBrowser().send(HttpRequest.newBuilder(app("passage/backchannel-logout/"
                        + PinnedAlgorithmDefinition.NAME))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }
}
