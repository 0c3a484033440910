package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each switch of {@link Behaviour}: failures, hooks and token settings. */
class BehaviourTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static HttpResponse<String> discovery() throws IOException {
        return client.get(provider.endpoint(Endpoint.DISCOVERY));
    }

    // ---------------------------------------------------------------- authorization

    @Test
    void nextAuthorizationIsDeniedWithState() throws Exception {
        provider.behaviour().denyNextAuthorization();
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> denied = client.get(flow.authorizationUrl());
        assertEquals(302, denied.statusCode());
        Map<String, String> query = TestClient.query(URI.create(denied.headers().firstValue("Location").orElseThrow()));
        assertEquals("access_denied", query.get("error"));
        assertEquals(flow.state(), query.get("state"));
        assertEquals(provider.issuer().toString(), query.get("iss"));
        // Only the next one.
        assertEquals(200, client.get(client.flow("openid").authorizationUrl()).statusCode());
    }

    @Test
    void queuedAuthorizationErrorsApplyInTurn() throws Exception {
        provider.behaviour().failNextAuthorization("server_error", null).failNextAuthorization("temporarily_unavailable", "busy");
        assertEquals("server_error", errorOf(client.get(client.flow("openid").authorizationUrl())));
        assertEquals("temporarily_unavailable", errorOf(client.get(client.flow("openid").authorizationUrl())));
        assertEquals(200, client.get(client.flow("openid").authorizationUrl()).statusCode());
    }

    private static String errorOf(HttpResponse<String> redirect) {
        return TestClient.query(URI.create(redirect.headers().firstValue("Location").orElseThrow())).get("error");
    }

    // ---------------------------------------------------------------- faults

    @Test
    void endpointAnswers500UntilCleared() throws Exception {
        provider.behaviour().fail(Endpoint.DISCOVERY, Fault.serverError());
        assertEquals(500, discovery().statusCode());
        assertEquals(500, discovery().statusCode());
        provider.behaviour().clearFault(Endpoint.DISCOVERY);
        assertEquals(200, discovery().statusCode());
    }

    @Test
    void failNextCountsDown() throws Exception {
        provider.behaviour().failNext(Endpoint.DISCOVERY, Fault.status(503), 2);
        assertEquals(503, discovery().statusCode());
        assertEquals(503, discovery().statusCode());
        assertEquals(200, discovery().statusCode());
    }

    @Test
    void failForEndsByItself() throws Exception {
        long start = System.nanoTime();
        provider.behaviour().failFor(Endpoint.DISCOVERY, Fault.serverError(), Duration.ofMillis(400));
        int during = discovery().statusCode();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (elapsedMillis < 400) { // on a very busy machine the window may pass before the request is read
            assertEquals(500, during);
        }
        Thread.sleep(Math.max(0, 450 - elapsedMillis));
        assertEquals(200, discovery().statusCode());
    }

    @Test
    void garbageIsNotJson() throws Exception {
        provider.behaviour().fail(Endpoint.JWKS, Fault.garbage());
        HttpResponse<String> response = client.get(provider.endpoint(Endpoint.JWKS));
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertThrows(ParseException.class, () -> JSONObjectUtils.parse(response.body()));
    }

    @Test
    void hangHoldsTheRequestUntilReset() throws Exception {
        provider.behaviour().fail(Endpoint.TOKEN, Fault.hang());
        HttpRequest request = HttpRequest.newBuilder(provider.endpoint(Endpoint.TOKEN)).timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code")).build();
        assertThrows(HttpTimeoutException.class, () -> client.send(request));

        CompletableFuture<HttpResponse<String>> held = client.http.sendAsync(HttpRequest.newBuilder(request, (n, v) -> true)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);
        assertFalse(held.isDone());
        provider.behaviour().reset();
        // Released: the connection is closed without an answer.
        Exception failure = assertThrows(Exception.class, () -> held.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IOException, failure.toString());

        // Other endpoints were never blocked, and the token endpoint answers again.
        assertEquals(200, discovery().statusCode());
        assertEquals(401, client.postToken(Map.of("grant_type", "authorization_code"), null).statusCode());
    }

    @Test
    void timedHangClosesTheConnectionAfterTheDuration() throws Exception {
        provider.behaviour().fail(Endpoint.TOKEN, Fault.hang(Duration.ofMillis(200)));
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> client.postToken(Map.of("grant_type", "x"), null));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
    }

    @Test
    void delayAnswersNormallyButLate() throws Exception {
        provider.behaviour().fail(Endpoint.DISCOVERY, Fault.delay(Duration.ofMillis(200)));
        long start = System.nanoTime();
        assertEquals(200, discovery().statusCode());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
    }

    @Test
    void droppedConnectionGetsNoAnswer() {
        provider.behaviour().fail(Endpoint.TOKEN, Fault.dropConnection());
        assertThrows(IOException.class, () -> client.postToken(Map.of("grant_type", "x"), null));
    }

    @Test
    void countersIncludeFaultedRequests() throws Exception {
        provider.resetCounters();
        provider.behaviour().failNext(Endpoint.DISCOVERY, Fault.serverError(), 1);
        discovery();
        discovery();
        assertEquals(2, provider.discoveryRequests());
        assertEquals(2, provider.requests(Endpoint.DISCOVERY).size());
        assertEquals(0, provider.tokenRequests());
    }

    // ---------------------------------------------------------------- documents

    @Test
    void discoveryHookCanAdvertiseAnotherIssuer() throws Exception {
        provider.behaviour().discoveryDocument(doc -> {
            doc.put("issuer", "https://impostor.example");
            return doc;
        });
        assertEquals("https://impostor.example", TestClient.json(discovery()).get("issuer"));
        provider.behaviour().reset();
        assertEquals(provider.issuer().toString(), TestClient.json(discovery()).get("issuer"));
    }

    @Test
    void jwksHookCanEmptyTheKeySet() throws Exception {
        provider.behaviour().jwksDocument(doc -> Map.of("keys", List.of()));
        assertEquals(List.of(), TestClient.json(client.get(provider.endpoint(Endpoint.JWKS))).get("keys"));
    }

    // ---------------------------------------------------------------- ID tokens

    @Test
    void claimsHookChangesIdTokenClaims() throws Exception {
        provider.behaviour().idTokenClaims(claims -> claims.issuer("https://impostor.example").claim("nonce", "wrong"));
        Map<String, Object> tokens = client.tokensFor("user-alice", "openid");
        JWTClaimsSet claims = CodeFlowTest.idTokenClaims(tokens);
        assertEquals("https://impostor.example", claims.getIssuer());
        assertEquals("wrong", claims.getStringClaim("nonce"));
        assertTrue(client.verifiesWithJwks((String) tokens.get("id_token")), "still properly signed");
    }

    @Test
    void headerHookCanNameAnUnknownKey() throws Exception {
        provider.behaviour().idTokenHeader(header -> header.keyID("no-such-key"));
        String idToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
        assertEquals("no-such-key", SignedJWT.parse(idToken).getHeader().getKeyID());
        assertFalse(client.verifiesWithJwks(idToken));
    }

    @Test
    void idTokenSignedWithAnotherKeyUnderThePublishedKidFailsVerification() throws Exception {
        RSAKey rogue = new RSAKeyGenerator(2048).keyID("rogue").generate();
        String publishedKid = provider.signingKey().getKeyID();
        provider.behaviour().signIdTokensWith(rogue).idTokenHeader(header -> header.keyID(publishedKid));
        Map<String, Object> tokens = client.tokensFor("user-alice", "openid");
        String idToken = (String) tokens.get("id_token");
        assertEquals(publishedKid, SignedJWT.parse(idToken).getHeader().getKeyID());
        assertFalse(client.verifiesWithJwks(idToken));
        assertTrue(client.verifiesWithJwks((String) tokens.get("access_token")), "access tokens keep the real key");
    }

    @Test
    void idTokenCanUseAnotherAlgorithm() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        provider.behaviour().signIdTokensWith(secret)
                .idTokenHeader(header -> new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hmac"));
        String idToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
        assertEquals(JWSAlgorithm.HS256, SignedJWT.parse(idToken).getHeader().getAlgorithm());
        assertTrue(SignedJWT.parse(idToken).verify(new MACVerifier(secret)));
    }

    @Test
    void publicOnlyKeyIsRefused() throws Exception {
        RSAKey rogue = new RSAKeyGenerator(2048).generate();
        assertThrows(IllegalArgumentException.class, () -> provider.behaviour().signIdTokensWith(rogue.toPublicJWK()));
    }

    @Test
    void lifetimeAzpAndClockSkew() throws Exception {
        provider.behaviour().idTokenLifetime(Duration.ofSeconds(-30)).includeAzp(true).clockSkew(Duration.ofHours(-2));
        JWTClaimsSet claims = CodeFlowTest.idTokenClaims(client.tokensFor("user-alice", "openid"));
        assertEquals(TestClient.CLIENT_ID, claims.getStringClaim("azp"));
        assertEquals(-30, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        Instant issued = claims.getIssueTime().toInstant();
        assertTrue(issued.isBefore(Instant.now().minus(Duration.ofMinutes(119))), issued.toString());
        long authTime = (Long) claims.getClaim("auth_time");
        assertTrue(authTime < Instant.now().minus(Duration.ofMinutes(119)).getEpochSecond());
    }

    @Test
    void resetRestoresDefaults() {
        Behaviour behaviour = provider.behaviour();
        behaviour.idTokenLifetime(Duration.ZERO).accessTokenLifetime(Duration.ZERO).refreshTokens(true).includeAzp(true);
        behaviour.reset();
        assertEquals(Behaviour.DEFAULT_ID_TOKEN_LIFETIME, behaviour.idTokenLifetime());
        assertEquals(Behaviour.DEFAULT_ACCESS_TOKEN_LIFETIME, behaviour.accessTokenLifetime());
        assertFalse(behaviour.refreshTokens());
        assertFalse(behaviour.includeAzp());
        assertNotEquals(null, behaviour.clock());
    }
}
