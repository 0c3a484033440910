package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request objects (RFC 9101) at {@code /authorize} and {@code /par}, verified with the client's registered keys. */
class RequestObjectTest {

    static LocalPassageProvider provider;
    static TestClient client;
    static ECKey clientKey;
    static ECKey otherKey;

    @BeforeAll
    static void start() throws Exception {
        provider = TestClient.startProvider();
        provider.addClient("keyless", "keyless-secret");
        client = new TestClient(provider);
        clientKey = new ECKeyGenerator(Curve.P_256).keyID("client-ec").generate();
        otherKey = new ECKeyGenerator(Curve.P_256).keyID("client-ec").generate();
        provider.behaviour().clientJwks(TestClient.CLIENT_ID, new JWKSet(clientKey));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    /** Valid claims for {@code flow}: its parameters plus iss, aud, client_id, iat, nbf, exp and jti. */
    static JWTClaimsSet.Builder claims(TestClient.Flow flow) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        TestClient.query(flow.authorizationUrl()).forEach(claims::claim);
        return claims.issuer(TestClient.CLIENT_ID).audience(provider.issuer().toString())
                .claim("client_id", TestClient.CLIENT_ID).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).jwtID(TestClient.random(16));
    }

    static String sign(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(RequestObjectVerifier.TYPE).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static HttpResponse<String> authorize(String clientId, String requestObject) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("request", requestObject);
        return client.get(URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?" + TestClient.form(query)));
    }

    static void refused(String requestObject, String expected) throws Exception {
        HttpResponse<String> response = authorize(TestClient.CLIENT_ID, requestObject);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("invalid_request_object"), response.body());
        assertTrue(response.body().contains(expected), expected + " in " + response.body());
    }

    static void refused(UnaryOperator<JWTClaimsSet.Builder> breakIt, String expected) throws Exception {
        refused(sign(breakIt.apply(claims(client.flow("openid"))).build(), clientKey), expected);
    }

    @Test
    void signedRequestSignsIn() throws Exception {
        TestClient.Flow flow = client.flow("openid email");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", TestClient.CLIENT_ID);
        query.put("request", sign(claims(flow).build(), clientKey));
        URI url = URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?" + TestClient.form(query));
        Map<String, String> callback = TestClient.query(LoginPage.open(client.http, url).signInAs("user-alice"));
        assertEquals(flow.state(), callback.get("state"));
        assertEquals(200, client.redeem(callback.get("code"), flow.verifier()).statusCode());
    }

    @Test
    void signedRequestCanBePushed() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", TestClient.CLIENT_ID);
        form.put("request", sign(claims(flow).build(), clientKey));
        HttpResponse<String> pushed = client.post(provider.endpoint(Endpoint.PAR), form,
                TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
        String requestUri = PushedAuthorizationRequestTest.requestUri(pushed);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", TestClient.CLIENT_ID);
        query.put("request_uri", requestUri);
        URI url = URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?" + TestClient.form(query));
        assertEquals(flow.state(), TestClient.query(LoginPage.open(client.http, url).signInAs("user-alice"))
                .get("state"));
    }

    @Test
    void parRefusesAnInvalidRequestObjectAsJson() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", sign(claims(client.flow("openid")).build(), otherKey));
        HttpResponse<String> pushed = client.post(provider.endpoint(Endpoint.PAR), form,
                TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
        assertEquals(400, pushed.statusCode());
        assertEquals("invalid_request_object", TestClient.json(pushed).get("error"));
    }

    @Test
    void signatureByAnotherKeyIsRefused() throws Exception {
        refused(sign(claims(client.flow("openid")).build(), otherKey), "signature");
    }

    @Test
    void clientWithoutRegisteredKeysIsRefused() throws Exception {
        JWTClaimsSet claims = claims(client.flow("openid")).issuer("keyless").claim("client_id", "keyless").build();
        HttpResponse<String> response = authorize("keyless", sign(claims, clientKey));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("no keys"), response.body());
    }

    @Test
    void claimsMustNameTheClientAndTheProvider() throws Exception {
        refused(claims -> claims.issuer("someone-else"), "iss");
        refused(claims -> claims.audience("https://other.example"), "aud");
        refused(claims -> claims.claim("client_id", "keyless"), "client_id");
    }

    @Test
    void timesAreChecked() throws Exception {
        Instant now = Instant.now();
        refused(claims -> claims.expirationTime(null), "no exp");
        refused(claims -> claims.expirationTime(Date.from(now.minusSeconds(1))), "expired");
        refused(claims -> claims.notBeforeTime(Date.from(now.plusSeconds(120))), "nbf");
        refused(claims -> claims.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(61)))), "60 minutes");
        refused(claims -> claims.expirationTime(Date.from(now.plus(Duration.ofMinutes(61)))), "60 minutes");
    }

    @Test
    void headerIsChecked() throws Exception {
        JWTClaimsSet claims = claims(client.flow("openid")).build();
        SignedJWT wrongType = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("client-ec")
                .type(JOSEObjectType.JWT).build(), claims);
        wrongType.sign(new ECDSASigner(clientKey));
        refused(wrongType.serialize(), "typ");

        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(RequestObjectVerifier.TYPE)
                .build(), claims);
        hmac.sign(new MACSigner(TestClient.random(48)));
        refused(hmac.serialize(), "HS256");

        refused(new PlainJWT(claims).serialize(), "not a signed JWT");
    }

    @Test
    void requestObjectsDoNotNest() throws Exception {
        // the object verified and named an allowed redirect URI: the error goes back to the client
        for (String nested : new String[] {"request", "request_uri"}) {
            JWTClaimsSet claims = claims(client.flow("openid")).claim(nested, "x").build();
            HttpResponse<String> response = authorize(TestClient.CLIENT_ID, sign(claims, clientKey));
            assertEquals(302, response.statusCode(), nested);
            assertEquals("invalid_request_object", TestClient.query(
                    URI.create(response.headers().firstValue("Location").orElseThrow())).get("error"), nested);
        }
    }

    @Test
    void requestAndRequestUriTogetherAreRefused() throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", TestClient.CLIENT_ID);
        query.put("request", sign(claims(client.flow("openid")).build(), clientKey));
        query.put("request_uri", PushedRequests.REQUEST_URI_PREFIX + "x");
        HttpResponse<String> response = client.get(URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?"
                + TestClient.form(query)));
        assertEquals(400, response.statusCode());
    }

    @Test
    void whenRequiredUnsignedRequestsAreRefusedAtBothEndpoints() throws Exception {
        provider.behaviour().requireSignedRequestObject(true);
        try {
            assertEquals(true, TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)))
                    .get("require_signed_request_object"));
            TestClient.Flow flow = client.flow("openid");
            HttpResponse<String> direct = client.get(flow.authorizationUrl());
            assertEquals(400, direct.statusCode());
            assertTrue(direct.body().contains("RFC 9101 10.5"), direct.body());
            HttpResponse<String> pushed = client.post(provider.endpoint(Endpoint.PAR),
                    TestClient.query(flow.authorizationUrl()),
                    TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
            assertEquals(400, pushed.statusCode());
            assertEquals(200, authorize(TestClient.CLIENT_ID, sign(claims(flow).build(), clientKey)).statusCode());
        } finally {
            provider.behaviour().reset();
        }
        assertEquals(false, TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)))
                .get("require_signed_request_object"));
    }

    @Test
    void discoveryAnnouncesRequestObjects() throws Exception {
        Map<String, Object> doc = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(true, doc.get("request_parameter_supported"));
        assertEquals(RequestObjectVerifier.ALGORITHMS, doc.get("request_object_signing_alg_values_supported"));
    }

    @Test
    void registeredKeysSurviveAResetAndKeepNoPrivatePart() {
        provider.behaviour().reset();
        JWKSet registered = provider.behaviour().clientJwks(TestClient.CLIENT_ID);
        assertEquals(1, registered.size());
        assertTrue(!registered.getKeys().get(0).isPrivate());
    }

    // ------------------------------------------------------------ as strict as a FAPI 2.0 provider

    @Test
    void anObjectWithoutNbfIsRefused() throws Exception {
        refused(claims -> claims.notBeforeTime(null), "FAPI 2.0 Message Signing 5.3.1: the request object has no nbf");
    }

    @Test
    void anNbfMoreThanSixtyMinutesInThePastIsRefused() throws Exception {
        Instant now = Instant.now();
        // exp stays near: only the age of nbf is wrong (exp - nbf is then long too, but nbf's age is checked first)
        refused(claims -> claims.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(61)))),
                "nbf is more than 60 minutes in the past");
    }

    @Test
    void anExpMoreThanSixtyMinutesAfterNbfIsRefused() throws Exception {
        Instant now = Instant.now();
        refused(claims -> claims.notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(
                Duration.ofMinutes(60)).plusSeconds(2))), "exp is more than 60 minutes after its nbf");
    }

    @Test
    void sixtyMinutesBetweenNbfAndExpAreAccepted() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = claims(client.flow("openid")).notBeforeTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.minusSeconds(10).plus(Duration.ofMinutes(60)))).build();
        assertEquals(200, authorize(TestClient.CLIENT_ID, sign(claims, clientKey)).statusCode());
    }

    @Test
    void anObjectWithoutJtiIsRefused() throws Exception {
        refused(claims -> claims.jwtID(null), "no jti");
        refused(claims -> claims.jwtID(""), "no jti");
    }

    @Test
    void aReplayedObjectIsRefusedAtTheFrontChannel() throws Exception {
        String once = sign(claims(client.flow("openid")).build(), clientKey);
        assertEquals(200, authorize(TestClient.CLIENT_ID, once).statusCode());
        refused(once, "jti was used before");
    }

    @Test
    void anObjectPushedOnceCannotBeSentAgainThroughEitherChannel() throws Exception {
        String once = sign(claims(client.flow("openid")).build(), clientKey);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", TestClient.CLIENT_ID);
        form.put("request", once);
        String basic = TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        assertEquals(201, client.post(provider.endpoint(Endpoint.PAR), form, basic).statusCode());
        HttpResponse<String> again = client.post(provider.endpoint(Endpoint.PAR), form, basic);
        assertEquals(400, again.statusCode(), again.body());
        assertEquals("invalid_request_object", TestClient.json(again).get("error"));
        assertTrue(String.valueOf(TestClient.json(again).get("error_description")).contains("used before"));
        refused(once, "jti was used before");
    }

    @Test
    void aRefusedObjectDoesNotSpendItsJti() throws Exception {
        // the jti is remembered only once the signature verified: a forgery cannot burn the client's jti
        JWTClaimsSet claims = claims(client.flow("openid")).build();
        refused(sign(claims, otherKey), "signature");
        assertEquals(200, authorize(TestClient.CLIENT_ID, sign(claims, clientKey)).statusCode());
    }

    @Test
    void theAudienceMustBeTheIssuer() throws Exception {
        String issuer = provider.issuer().toString();
        refused(claims -> claims.audience((String) null), "aud");
        refused(claims -> claims.audience(provider.endpoint(Endpoint.AUTHORIZE).toString()), "aud");
        refused(claims -> claims.audience(provider.endpoint(Endpoint.PAR).toString()), "aud");
        refused(claims -> claims.audience(issuer + "/"), "aud");
        refused(claims -> claims.audience(java.util.List.of("https://other.example", issuer + "/")), "aud");
    }

    @Test
    void anArrayContainingTheIssuerIsAnAcceptedAudience() throws Exception {
        // FAPI 2.0 Message Signing 5.3.1 allows "an array containing" the issuer, unlike client assertions
        JWTClaimsSet claims = claims(client.flow("openid")).audience(java.util.List.of("https://other.example",
                provider.issuer().toString())).build();
        assertEquals(200, authorize(TestClient.CLIENT_ID, sign(claims, clientKey)).statusCode());
    }
}
