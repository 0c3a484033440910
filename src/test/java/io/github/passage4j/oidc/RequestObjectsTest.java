package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestObjectsTest {

    private static final AuthorizationRequest REQUEST = new AuthorizationRequest(URI.create("https://app.example/cb"),
            "state-1", "nonce-1", "challenge-1");

    private final FakeProvider fake;
    private final ClientKey key = TestSupport.ecClientKey();
    private final List<String> pushedBodies;

    RequestObjectsTest() throws Exception {
        fake = new FakeProvider();
        pushedBodies = fake.acceptPushedRequests();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenIdProvider provider(boolean pushed, boolean signed, ClientKey clientKey) {
        ClientSettings plain = TestSupport.settings(fake.issuer);
        ClientSettings settings = new ClientSettings(plain.issuer(), plain.clientId(), TestSupport.CLIENT_SECRET,
                plain.scope(), plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null,
                new ClientProtocol(null, clientKey, null, pushed, false, signed, null));
        return new OpenIdProvider(settings, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
    }

    private SignedJWT verified(String requestObject) throws Exception {
        SignedJWT jwt = SignedJWT.parse(requestObject);
        assertTrue(jwt.verify(new ECDSAVerifier((ECKey) key.publicJwk())), "signed by the client key");
        return jwt;
    }

    @Test
    void frontChannelRequestObjectCarriesEveryParameterSignedAndTyped() throws Exception {
        URI redirect = provider(false, true, key).authorizationRedirect(REQUEST);
        Map<String, String> query = TestSupport.decodeForm(redirect.getRawQuery());
        // OIDC Core 6.1: response_type and scope outside the object too
        assertEquals(List.of("client_id", "response_type", "scope", "request"), List.copyOf(query.keySet()));
        assertEquals(TestSupport.CLIENT_ID, query.get("client_id"));

        SignedJWT jwt = verified(query.get("request"));
        assertEquals("oauth-authz-req+jwt", jwt.getHeader().getType().getType());
        assertEquals(key.keyId(), jwt.getHeader().getKeyID());
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(TestSupport.CLIENT_ID, claims.getIssuer());
        assertEquals(List.of(fake.issuer), claims.getAudience());
        assertEquals(TestSupport.CLIENT_ID, claims.getStringClaim("client_id"));
        assertEquals(TestSupport.NOW.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(TestSupport.NOW.minus(RequestObjects.NOT_BEFORE_MARGIN).getEpochSecond(),
                claims.getNotBeforeTime().toInstant().getEpochSecond());
        assertEquals(TestSupport.NOW.plusSeconds(60).getEpochSecond(),
                claims.getExpirationTime().toInstant().getEpochSecond());
        assertNotNull(claims.getJWTID());
        assertEquals("code", claims.getStringClaim("response_type"));
        assertEquals("https://app.example/cb", claims.getStringClaim("redirect_uri"));
        assertEquals("openid email", claims.getStringClaim("scope"));
        assertEquals("state-1", claims.getStringClaim("state"));
        assertEquals("nonce-1", claims.getStringClaim("nonce"));
        assertEquals("challenge-1", claims.getStringClaim("code_challenge"));
        assertEquals("S256", claims.getStringClaim("code_challenge_method"));
    }

    @Test
    void eachRequestObjectHasItsOwnJti() throws Exception {
        OpenIdProvider provider = provider(false, true, key);
        String first = TestSupport.decodeForm(provider.authorizationRedirect(REQUEST).getRawQuery())
                .get("request");
        String second = TestSupport.decodeForm(provider.authorizationRedirect(REQUEST).getRawQuery())
                .get("request");
        assertTrue(!SignedJWT.parse(first).getJWTClaimsSet().getJWTID()
                .equals(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()));
    }

    @Test
    void signedAndPushedSendsOnlyClientIdAndRequestToTheParEndpoint() throws Exception {
        URI redirect = provider(true, true, key).authorizationRedirect(REQUEST);
        assertEquals(Map.of("client_id", TestSupport.CLIENT_ID, "request_uri", "urn:ietf:params:oauth:request_uri:r1"),
                TestSupport.decodeForm(redirect.getRawQuery()));
        Map<String, String> form = TestSupport.decodeForm(pushedBodies.get(0));
        assertEquals(List.of("client_id", "request"), List.copyOf(form.keySet()));
        assertEquals("nonce-1", verified(form.get("request")).getJWTClaimsSet().getStringClaim("nonce"));
    }

    @Test
    void algorithmTheProviderDoesNotListIsRejectedBeforeSigning() {
        fake.discoveryDocument.put("request_object_signing_alg_values_supported", List.of("PS256"));
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider(false, true, key).authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("RFC 9101 10.5") && e.getMessage().contains("ES256"), e.getMessage());
    }

    @Test
    void algorithmTheProviderListsIsUsed() throws Exception {
        fake.discoveryDocument.put("request_object_signing_alg_values_supported", List.of("PS256", "ES256"));
        URI redirect = provider(false, true, key).authorizationRedirect(REQUEST);
        verified(TestSupport.decodeForm(redirect.getRawQuery()).get("request"));
    }

    @Test
    void providerRequiringRequestObjectsGetsThemWithoutTheSetting() throws Exception {
        fake.discoveryDocument.put("require_signed_request_object", true);
        URI redirect = provider(false, false, key).authorizationRedirect(REQUEST);
        verified(TestSupport.decodeForm(redirect.getRawQuery()).get("request"));
    }

    @Test
    void providerRequiringRequestObjectsOfAClientWithoutKeyIsRejected() {
        fake.discoveryDocument.put("require_signed_request_object", true);
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider(false, false, null).authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("require_signed_request_object"), e.getMessage());
    }

    /**
     * What a provider as strict as FAPI 2.0 Message Signing 5.3.1 and RFC 9101 10.2 requires of a request object,
     * read from the raw payload JSON: nbf not in the future and at most 60 minutes old, exp after now and at most 60
     * minutes after nbf, a jti, and the issuer identifier as aud.
     */
    @Test
    void theRequestObjectMeetsEveryRuleOfAStrictProvider() throws Exception {
        for (boolean pushed : new boolean[] {false, true}) {
            URI redirect = provider(pushed, true, key).authorizationRedirect(REQUEST);
            String requestObject = pushed ? TestSupport.decodeForm(pushedBodies.get(0)).get("request")
                    : TestSupport.decodeForm(redirect.getRawQuery()).get("request");
            Map<String, Object> payload = TestSupport.rawPayload(requestObject);
            long now = TestSupport.NOW.getEpochSecond();
            long nbf = ((Number) payload.get("nbf")).longValue();
            long exp = ((Number) payload.get("exp")).longValue();
            assertTrue(nbf <= now && now - nbf <= 3600, "nbf at most 60 minutes old: " + payload);
            assertTrue(exp > now && exp - nbf <= 3600, "exp at most 60 minutes after nbf: " + payload);
            assertTrue(payload.get("jti") instanceof String jti && jti.length() >= 22, "a random jti: " + payload);
            assertEquals(fake.issuer, payload.get("aud"), "aud the issuer identifier, as a string");
            assertEquals(TestSupport.CLIENT_ID, payload.get("iss"));
        }
    }
}
