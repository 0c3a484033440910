package io.github.passage4j.it.fapi;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.provider.RecordedRequest;
import io.github.passage4j.testkit.PassageBrowser;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FAPI 2.0 profile on a real server against the local provider: the sign-in is pushed (PAR), the client
 * authenticates with {@code private_key_jwt} by the key whose public half the app itself publishes at
 * {@code /passage/jwks} (the provider fetches it from there, as one that registered the client by URL), and the
 * hostile answers of the provider stop the sign-in. The definition {@code second} signs in with
 * {@code client_secret_jwt}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FapiIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected");
    /** Made once per test JVM; only the deployment's configuration holds its private half. */
    private static final ECKey CLIENT_KEY = clientKey();

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        TestProvider.second();
        return Deployments.withConfig(Deployments.war("fapi")
                .addClasses(FapiDefinition.class, FapiServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"),
                Map.of("passage.client-key", CLIENT_KEY.toJSONString()));
    }

    private static ECKey clientKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();
    private final LocalPassageProvider second = TestProvider.second();

    private URI app(String path) {
        return Deployments.base(base, "fapi").resolve(path);
    }

    @BeforeEach
    void registerTheClient() {
        provider.behaviour().reset();
        second.behaviour().reset();
        // as a FAPI 2.0 provider: private_key_jwt with the issuer as audience, keys from the app's jwks_uri, PAR only,
        // ES256 ID tokens (FAPI 2.0 5.4.1)
        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt")
                .requireIssuerAsAssertionAudience(true)
                .requirePushedAuthorizationRequests(true)
                .clientJwksUri(TestProvider.clientId(), app("passage/jwks"))
                .publishEcSigningKey()
                .signIdTokensWithEcKey();
        second.behaviour().tokenEndpointAuthMethods("client_secret_jwt");
        provider.resetCounters();
    }

    @AfterEach
    void resetProviders() {
        provider.behaviour().reset();
        second.behaviour().reset();
    }

    @Test
    void theAppPublishesThePublicHalfOfItsClientKey() throws Exception {
        HttpResponse<String> published = new PassageBrowser().get(app("passage/jwks"));
        assertEquals(200, published.statusCode());
        assertTrue(published.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        JWKSet keys = JWKSet.parse(published.body());
        assertEquals(1, keys.size());
        assertFalse(keys.getKeys().get(0).isPrivate());
        assertEquals(CLIENT_KEY.computeThumbprint(), keys.getKeys().get(0).computeThumbprint());
    }

    @Test
    void aFapi2SignInIsPushedAndAuthenticatedByPrivateKeyJwt() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        Map<String, String> caller = Pages.lines(browser.signIn(app("protected"), TestProvider.ALICE));
        assertEquals(TestProvider.ALICE, caller.get("name"));
        assertEquals(provider.issuer().toString(), caller.get("iss"));

        // RFC 9126 4: the browser carried client_id and request_uri only
        RecordedRequest authorize = provider.lastRequest(Endpoint.AUTHORIZE).orElseThrow();
        assertEquals(java.util.Set.of("client_id", "request_uri"), authorize.parameters().keySet());
        // the push and the redemption each with a fresh assertion naming the issuer (FAPI 2.0 5.3.2.1)
        RecordedRequest pushed = provider.lastRequest(Endpoint.PAR).orElseThrow();
        RecordedRequest redeemed = provider.lastRequest(Endpoint.TOKEN).orElseThrow();
        SignedJWT pushAssertion = SignedJWT.parse(pushed.parameter("client_assertion"));
        SignedJWT tokenAssertion = SignedJWT.parse(redeemed.parameter("client_assertion"));
        assertEquals(List.of(provider.issuer().toString()), tokenAssertion.getJWTClaimsSet().getAudience());
        assertFalse(pushAssertion.getJWTClaimsSet().getJWTID().equals(tokenAssertion.getJWTClaimsSet().getJWTID()));
        assertNull(redeemed.parameter("client_secret"));
        assertEquals("S256", pushed.parameter("code_challenge_method"));
    }

    @Test
    void aPushedRequestAnswerWithoutRequestUriStopsTheSignInBeforeTheBrowserLeaves() {
        provider.behaviour().parResponseWithoutRequestUri();
        HttpResponse<String> start = new PassageBrowser().get(app("passage/signin"));
        assertTrue(start.statusCode() >= 400 && start.statusCode() < 600, start.statusCode() + " " + start.body());
        assertTrue(start.headers().firstValue("Location").isEmpty(), "not sent anywhere");
        assertEquals(0, provider.authorizationRequests());
    }

    @Test
    void anExpiredRequestUriSignsNobodyIn() throws Exception {
        provider.behaviour().parRequestUriLifetime(Duration.ZERO);
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> start = browser.get(app("passage/signin"));
        assertEquals(302, start.statusCode(), start.body());
        HttpResponse<String> atProvider = browser.get(PassageBrowser.location(start));
        assertEquals(400, atProvider.statusCode(), atProvider.body());
        assertEquals(0, provider.tokenRequests());
        HttpResponse<String> protectedPage = browser.get(app("protected"));
        assertEquals(302, protectedPage.statusCode(), "still signed out: sent to sign in again");
    }

    @Test
    void anAuthorizationResponseWithoutIssIsRefused() throws Exception {
        provider.behaviour().authorizationResponseIssuer(iss -> null);
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> start = browser.get(app("passage/signin"));
        URI callback = LoginPage.open(PassageBrowser.location(start)).signInAs(TestProvider.ALICE);
        assertFalse(callback.getRawQuery().contains("iss="), callback.toString());
        HttpResponse<String> back = browser.get(callback);
        assertEquals(401, back.statusCode(), back.body());
        assertEquals(0, provider.tokenRequests(), "the code was never redeemed");
    }

    @Test
    void theSecondDefinitionSignsInWithClientSecretJwt() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> start = browser.get(app("passage/signin/second"));
        assertTrue(PassageBrowser.location(start).toString().startsWith(second.issuer() + "/authorize?"));
        HttpResponse<String> back = browser.get(LoginPage.open(PassageBrowser.location(start))
                .signInAs(TestProvider.BOB));
        assertEquals(302, back.statusCode(), back.body());
        RecordedRequest redeemed = second.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertEquals("HS256", SignedJWT.parse(redeemed.parameter("client_assertion")).getHeader().getAlgorithm()
                .getName());
        assertNull(redeemed.parameter("client_secret"));
        assertEquals(second.issuer().toString(), Pages.lines(browser.get(app("protected"))).get("iss"));
    }
}
