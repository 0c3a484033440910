package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client authentication methods beyond Passage's: each accepted only when switched on, each rule enforced. */
class ClientAssertionTest {

    /** Long enough for HS256 (RFC 7518 3.2). */
    static final String LONG_SECRET = "a-client-secret-of-more-than-thirty-two-bytes";

    static LocalPassageProvider provider;
    static TestClient client;
    static ECKey key;

    @BeforeAll
    static void start() throws Exception {
        provider = TestClient.startProvider();
        provider.addClient("jwt-client", LONG_SECRET);
        client = new TestClient(provider);
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @AfterEach
    void reset() {
        provider.behaviour().reset();
        provider.behaviour().clientJwks(TestClient.CLIENT_ID, null);
    }

    private static JWTClaimsSet.Builder claims(String clientId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(provider.issuer().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String privateKeyAssertion(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(new ECDSASigner(key), JWSAlgorithm.ES256, "k1", change.apply(claims(TestClient.CLIENT_ID)).build());
    }

    /** Signs alice in and redeems the code with the given extra form parameters and Authorization header. */
    private static HttpResponse<String> redeem(Map<String, String> authentication, String authorization)
            throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", TestClient.REDIRECT_URI);
        form.put("code_verifier", flow.verifier());
        form.putAll(authentication);
        return client.postToken(form, authorization);
    }

    private static Map<String, String> assertion(String jwt) {
        return Map.of("client_assertion_type", ClientAssertionVerifier.JWT_BEARER, "client_assertion", jwt);
    }

    private static void assertInvalidClient(HttpResponse<String> response, String reason) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_client", TestClient.json(response).get("error"));
        assertTrue(String.valueOf(TestClient.json(response).get("error_description")).contains(reason),
                response.body());
    }

    @Test
    void privateKeyJwtIsRefusedUntilSwitchedOnThenAcceptedAndAnnounced() throws Exception {
        provider.behaviour().clientJwks(TestClient.CLIENT_ID, new JWKSet(key));
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c)), null), "private_key_jwt is not accepted");

        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt", "client_secret_basic");
        assertEquals(200, redeem(assertion(privateKeyAssertion(c -> c)), null).statusCode());
        Map<String, Object> discovery = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(List.of("private_key_jwt", "client_secret_basic"),
                discovery.get("token_endpoint_auth_methods_supported"));
        assertTrue(((List<?>) discovery.get("token_endpoint_auth_signing_alg_values_supported")).contains("ES256"));
    }

    @Test
    void eachRuleOfAnAssertionIsEnforced() throws Exception {
        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt").clientJwks(TestClient.CLIENT_ID,
                new JWKSet(key));
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.audience("https://elsewhere.example"))), null),
                "aud");
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.expirationTime(
                Date.from(Instant.now().minusSeconds(1))))), null), "expired");
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.expirationTime(
                Date.from(Instant.now().plus(Duration.ofHours(1)))))), null), "lives longer");
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.jwtID(null))), null), "jti");
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.subject("someone-else"))), null), "sub");
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        assertInvalidClient(redeem(assertion(sign(new ECDSASigner(stranger), JWSAlgorithm.ES256, "k1",
                claims(TestClient.CLIENT_ID).build())), null), "signature");
        Map<String, String> wrongType = new LinkedHashMap<>(assertion(privateKeyAssertion(c -> c)));
        wrongType.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        assertInvalidClient(redeem(wrongType, null), "client_assertion_type");
    }

    @Test
    void aReplayedAssertionIsRefused() throws Exception {
        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt").clientJwks(TestClient.CLIENT_ID,
                new JWKSet(key));
        String once = privateKeyAssertion(c -> c);
        assertEquals(200, redeem(assertion(once), null).statusCode());
        assertInvalidClient(redeem(assertion(once), null), "used before");
    }

    @Test
    void theEndpointAsAudienceIsAcceptedUnlessTheIssuerIsRequired() throws Exception {
        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt").clientJwks(TestClient.CLIENT_ID,
                new JWKSet(key));
        String tokenEndpoint = provider.endpoint(Endpoint.TOKEN).toString();
        assertEquals(200, redeem(assertion(privateKeyAssertion(c -> c.audience(tokenEndpoint))), null).statusCode());
        provider.behaviour().requireIssuerAsAssertionAudience(true);
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c.audience(tokenEndpoint))), null), "aud");
    }

    @Test
    void clientSecretJwtIsVerifiedWithTheClientSecretAtThePushedRequestEndpoint() throws Exception {
        provider.behaviour().tokenEndpointAuthMethods("client_secret_jwt");
        Map<String, String> request = new LinkedHashMap<>(TestClient.query(client.flow("openid").authorizationUrl()));
        request.put("client_id", "jwt-client");
        Map<String, String> signed = new LinkedHashMap<>(request);
        signed.putAll(assertion(sign(new MACSigner(LONG_SECRET.getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256, null, claims("jwt-client").build())));
        HttpResponse<String> pushed = client.post(provider.endpoint(Endpoint.PAR), signed, null);
        assertEquals(201, pushed.statusCode(), pushed.body());

        Map<String, String> forged = new LinkedHashMap<>(request);
        forged.putAll(assertion(sign(new MACSigner("not-the-secret-but-as-long-as-one-must-be".getBytes(
                StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims("jwt-client").build())));
        assertInvalidClient(client.post(provider.endpoint(Endpoint.PAR), forged, null), "signature");
    }

    @Test
    void twoMethodsAtOnceAreRefused() throws Exception {
        provider.behaviour().tokenEndpointAuthMethods("client_secret_basic", "private_key_jwt")
                .clientJwks(TestClient.CLIENT_ID, new JWKSet(key));
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c)),
                TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)), "More than one");
    }

    @Test
    void clientSecretPostWhenSwitchedOn() throws Exception {
        Map<String, String> post = Map.of("client_id", TestClient.CLIENT_ID, "client_secret", TestClient.CLIENT_SECRET);
        assertInvalidClient(redeem(post, null), "client_secret_post is not accepted");
        provider.behaviour().tokenEndpointAuthMethods("client_secret_post");
        assertEquals(200, redeem(post, null).statusCode());
        assertInvalidClient(redeem(Map.of(), TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)),
                "not accepted");
    }

    @Test
    void keysRegisteredByUrlAreFetchedAtEachUse() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] published = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        app.createContext("/passage/jwks", exchange -> {
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        app.start();
        try {
            provider.behaviour().tokenEndpointAuthMethods("private_key_jwt").clientJwksUri(TestClient.CLIENT_ID,
                    URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/passage/jwks"));
            assertEquals(200, redeem(assertion(privateKeyAssertion(c -> c)), null).statusCode());
        } finally {
            app.stop(0);
        }
        // the app is gone: its keys can no longer be read, so its assertions no longer verify
        assertInvalidClient(redeem(assertion(privateKeyAssertion(c -> c)), null), "signature");
    }
}
