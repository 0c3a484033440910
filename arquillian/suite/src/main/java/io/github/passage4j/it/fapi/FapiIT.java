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
import java.nio.file.Path;
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
    /** The definition {@code post}'s own client at the second provider. */
    private static final String POST_CLIENT_ID = "fapi-post-client";
    private static final String POST_CLIENT_SECRET = java.util.UUID.randomUUID().toString();
    /** The definitions {@code mtls} and {@code selfsigned}: their clients at the mutual TLS provider. */
    private static final String MTLS_CLIENT_ID = "fapi-mtls-client";
    private static final String MTLS_SUBJECT = "CN=fapi-mtls-client,O=Passage4J tests";
    private static final String SELF_SIGNED_CLIENT_ID = "fapi-self-signed-client";
    private static final String SELF_SIGNED_SUBJECT = "CN=fapi-self-signed-client";
    /** The keystores of this test JVM (the CA and trust store are shared by the build: {@link TestProvider}). */
    private static final Path MTLS_KEY_STORE = TestProvider.certificates().clientKeyStore(
            "fapi-mtls-" + ProcessHandle.current().pid(), MTLS_SUBJECT);
    private static final Path SELF_SIGNED_KEY_STORE = TestProvider.certificates().selfSignedClientKeyStore(
            "fapi-self-signed-" + ProcessHandle.current().pid(), SELF_SIGNED_SUBJECT);

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        TestProvider.second().addClient(POST_CLIENT_ID, POST_CLIENT_SECRET);
        LocalPassageProvider mutualTls = TestProvider.mutualTls();
        // RFC 8705 2: these clients have no secret; the provider holds them by certificate subject and by key
        mutualTls.addClient(MTLS_CLIENT_ID, "unused-with-tls-client-auth");
        mutualTls.addClient(SELF_SIGNED_CLIENT_ID, "unused-with-self-signed-tls-client-auth");
        mutualTls.behaviour().clientCertificateSubject(MTLS_CLIENT_ID, MTLS_SUBJECT)
                .clientJwks(SELF_SIGNED_CLIENT_ID, TestProvider.certificates().publicJwks(SELF_SIGNED_KEY_STORE));
        Map<String, String> configuration = new java.util.LinkedHashMap<>(Map.of(
                "passage.client-key", CLIENT_KEY.toJSONString(),
                "passage.post.issuer", TestProvider.second().issuer().toString(),
                "passage.post.client-id", POST_CLIENT_ID,
                "passage.post.client-secret", POST_CLIENT_SECRET,
                "passage.post.extra-parameters", "ui_locales=de&prompt=consent",
                "passage.post.userinfo", "skip",
                "passage.mtls.issuer", mutualTls.issuer().toString(),
                "passage.mtls.client-id", MTLS_CLIENT_ID,
                "passage.selfsigned.issuer", mutualTls.issuer().toString(),
                "passage.selfsigned.client-id", SELF_SIGNED_CLIENT_ID));
        configuration.putAll(TestProvider.certificates().appConfiguration("tls_client_auth", MTLS_KEY_STORE, "mtls"));
        configuration.putAll(TestProvider.certificates().appConfiguration("self_signed_tls_client_auth",
                SELF_SIGNED_KEY_STORE, "selfsigned"));
        return Deployments.withConfig(Deployments.war("fapi")
                .addClasses(FapiDefinition.class, FapiServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"),
                configuration);
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
    private final LocalPassageProvider mutualTls = TestProvider.mutualTls();

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
                .clientAuthenticationMethod(TestProvider.clientId(), "private_key_jwt")
                .clientJwksUri(TestProvider.clientId(), app("passage/jwks"))
                .signIdTokensWithEcKey()
                .signAccessTokensWithEcKey();
        // each client registered for its one method (RFC 7591 2), as a real provider holds them
        second.behaviour().tokenEndpointAuthMethods("client_secret_jwt").allowClientSecretPost(POST_CLIENT_ID)
                .clientAuthenticationMethod(TestProvider.secondClientId(), "client_secret_jwt")
                .clientAuthenticationMethod(POST_CLIENT_ID, "client_secret_post");
        mutualTls.behaviour().reset();
        mutualTls.behaviour().tokenEndpointAuthMethods("tls_client_auth", "self_signed_tls_client_auth")
                .clientAuthenticationMethod(MTLS_CLIENT_ID, "tls_client_auth")
                .clientAuthenticationMethod(SELF_SIGNED_CLIENT_ID, "self_signed_tls_client_auth");
        provider.resetCounters();
        mutualTls.resetCounters();
    }

    @AfterEach
    void resetProviders() {
        provider.behaviour().reset();
        second.behaviour().reset();
        mutualTls.behaviour().reset();
        mutualTls.behaviour().clientCertificateSubject(MTLS_CLIENT_ID, MTLS_SUBJECT);
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

    /** The session's access token and a proof of its DPoP key for a GET of {@code url}, as the app makes them. */
    private static Map<String, String> boundToken(PassageBrowser browser, URI app, URI url) {
        return Pages.lines(browser.get(app.resolve("protected?proofFor="
                + java.net.URLEncoder.encode(url.toString(), java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** A GET of {@code url} by an API client without cookies, with the given Authorization and DPoP headers. */
    private static HttpResponse<String> call(URI url, String authorization, String proofOrNull) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", authorization);
        if (proofOrNull != null) {
            request.header("DPoP", proofOrNull);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSessionsTokensAreDpopBoundAndTheAppAcceptsThemOnlyWithAProofOfTheKey() throws Exception {
        PassageBrowser browser = new PassageBrowser();
        browser.signIn(app("protected"), TestProvider.ALICE);
        URI resource = app("protected");
        Map<String, String> bound = boundToken(browser, app(""), resource);
        // RFC 9449 5: bound at the token endpoint, the code too (dpop_jkt, pushed with the request)
        assertEquals("DPoP", bound.get("token_type"));
        RecordedRequest redeemed = provider.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertTrue(redeemed.headers().containsKey("dpop"), "a proof at the token endpoint");
        assertTrue(provider.lastRequest(Endpoint.PAR).orElseThrow().parameter("dpop_jkt") != null);
        String accessToken = bound.get("access_token");

        HttpResponse<String> accepted = call(resource, "DPoP " + accessToken, bound.get("proof"));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(TestProvider.ALICE, Pages.lines(accepted.body()).get("name"));
        // RFC 9449 11.1: a proof is used once
        HttpResponse<String> replayed = call(resource, "DPoP " + accessToken, bound.get("proof"));
        assertEquals(401, replayed.statusCode(), "replayed proof");
        // RFC 9449 7.2: a bound token presented as a bearer token
        assertEquals(401, call(resource, "Bearer " + accessToken, null).statusCode(), "bound token as Bearer");
        // RFC 9449 4.3 step 9: a proof for another URL
        Map<String, String> elsewhere = boundToken(browser, app(""), app("elsewhere"));
        assertEquals(401, call(resource, "DPoP " + accessToken, elsewhere.get("proof")).statusCode(), "wrong htu");
        // RFC 9449 6.1: a proof by a key the token is not bound to
        String stranger = io.github.passage4j.testkit.DpopProofs.generate().proof("GET", resource, accessToken);
        HttpResponse<String> strangers = call(resource, "DPoP " + accessToken, stranger);
        assertEquals(401, strangers.statusCode(), "another key");
        assertTrue(strangers.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP"),
                strangers.headers().map().toString());
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
        HttpResponse<String> back = signInThrough(browser, app("passage/signin/second"), second, TestProvider.BOB);
        assertEquals(302, back.statusCode(), back.body());
        RecordedRequest redeemed = second.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertEquals("HS256", SignedJWT.parse(redeemed.parameter("client_assertion")).getHeader().getAlgorithm()
                .getName());
        assertNull(redeemed.parameter("client_secret"));
        assertEquals(second.issuer().toString(), Pages.lines(browser.get(app("protected"))).get("iss"));
    }

    @Test
    void thePostDefinitionSendsItsSecretInTheFormBody() throws Exception {
        int userinfoCalls = second.userinfoRequests();
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> back = signInThrough(browser, app("passage/signin/post"), second, TestProvider.ALICE);
        assertEquals(302, back.statusCode(), back.body());
        // its deployment's extra parameters (passage.post.extra-parameters) went with the authorization request
        RecordedRequest accepted = second.acceptedAuthorizationRequests()
                .get(second.acceptedAuthorizationRequests().size() - 1);
        assertEquals("de", accepted.parameter("ui_locales"));
        assertEquals("consent", accepted.parameter("prompt"));
        // passage.post.userinfo=skip: the ID token's claims only
        assertEquals(userinfoCalls, second.userinfoRequests(), "userinfo was not called");
        // RFC 6749 2.3.1: client_id and client_secret in the body, no Authorization header
        RecordedRequest redeemed = second.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertEquals(POST_CLIENT_ID, redeemed.parameter("client_id"));
        assertEquals(POST_CLIENT_SECRET, redeemed.parameter("client_secret"));
        assertFalse(redeemed.headers().containsKey("authorization"), redeemed.headers().toString());
        assertNull(redeemed.parameter("client_assertion"));
        Map<String, String> caller = Pages.lines(browser.get(app("protected")));
        assertEquals(second.issuer().toString(), caller.get("iss"));
        assertEquals(TestProvider.ALICE, caller.get("name"));
    }

    /** Signs {@code user} in at {@code at} from the sign-in path {@code signIn}: the app's answer to the callback. */
    private static HttpResponse<String> signInThrough(PassageBrowser browser, URI signIn, LocalPassageProvider at,
            String user) throws java.io.IOException {
        HttpResponse<String> start = browser.get(signIn);
        assertTrue(PassageBrowser.location(start).toString().startsWith(at.issuer() + "/authorize?"),
                PassageBrowser.location(start).toString());
        return browser.get(LoginPage.open(PassageBrowser.location(start)).signInAs(user));
    }

    /**
     * Signs Alice in through the definition {@code name} and checks RFC 8705: client_id in the body, the certificate of
     * {@code subject} in the handshake at the mtls_endpoint_aliases (2.1, 5), and the access token bound to it, which
     * userinfo takes only with that certificate (3).
     */
    private void signsInByCertificate(String name, String clientId, String subject) throws Exception {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> back = signInThrough(browser, app("passage/signin/" + name), mutualTls,
                TestProvider.ALICE);
        assertEquals(302, back.statusCode(), back.body());
        RecordedRequest redeemed = mutualTls.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertEquals(subject, redeemed.clientCertificateSubject());
        assertEquals(clientId, redeemed.parameter("client_id"));
        assertNull(redeemed.parameter("client_secret"));
        assertNull(redeemed.parameter("client_assertion"));
        assertFalse(redeemed.headers().containsKey("authorization"), redeemed.headers().toString());
        assertEquals(subject, mutualTls.lastRequest(Endpoint.USERINFO).orElseThrow().clientCertificateSubject());
        Map<String, String> caller = Pages.lines(browser.get(app("protected")));
        assertEquals(mutualTls.issuer().toString(), caller.get("iss"));
        assertEquals(TestProvider.ALICE, caller.get("name"));
    }

    @Test
    void theMtlsDefinitionAuthenticatesByItsCertificateAndUsesTheTokensBoundToIt() throws Exception {
        signsInByCertificate("mtls", MTLS_CLIENT_ID, MTLS_SUBJECT);
    }

    @Test
    void theSelfSignedDefinitionAuthenticatesByTheKeyItsClientRegistered() throws Exception {
        signsInByCertificate("selfsigned", SELF_SIGNED_CLIENT_ID, SELF_SIGNED_SUBJECT);
    }

    @Test
    void aCertificateOfAnotherSubjectSignsNobodyIn() throws Exception {
        // the provider holds the client by another subject: the app's certificate no longer authenticates it
        mutualTls.behaviour().clientCertificateSubject(MTLS_CLIENT_ID, "CN=someone-else,O=Passage4J tests");
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> back = signInThrough(browser, app("passage/signin/mtls"), mutualTls, TestProvider.ALICE);
        assertTrue(back.statusCode() >= 400 && back.statusCode() < 600, back.statusCode() + " " + back.body());
        assertEquals(MTLS_SUBJECT, mutualTls.lastRequest(Endpoint.TOKEN).orElseThrow().clientCertificateSubject(),
                "the code was offered with the app's certificate and refused");
        assertEquals(0, mutualTls.requestCount(Endpoint.USERINFO), "no token, no userinfo call");
        assertEquals(302, browser.get(app("protected")).statusCode(), "still signed out: sent to sign in again");
    }
}
