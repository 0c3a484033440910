package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider as strict as a FAPI 2.0 provider about client authentication: a client registered for one method
 * (RFC 7591 2) may use only it, at every endpoint that authenticates clients; and under
 * {@link Behaviour#requireIssuerAsAssertionAudience(boolean)} an assertion's {@code aud} is the issuer as a single
 * string (FAPI 2.0 Security Profile 5.3.2.1). Each hostile client breaks exactly one rule.
 */
class StrictClientAuthenticationTest {

    static final String OTHER_CLIENT = "other-client";
    static final String OTHER_SECRET = "other-secret";

    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final ECKey key = newClientKey();

    static ECKey newClientKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void registerClients() {
        // registrations, which reset() keeps; registering again is harmless
        fixture.provider().addClient(OTHER_CLIENT, OTHER_SECRET);
        fixture.provider().behaviour().clientJwks(TestClient.CLIENT_ID, new JWKSet(key));
    }

    /**
     * A private_key_jwt assertion of the test client whose {@code aud} is written into the payload JSON as given
     * (a string or a list), so that an array holding one value stays an array.
     */
    static String assertionWithAudience(Object audience) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", TestClient.CLIENT_ID);
        payload.put("sub", TestClient.CLIENT_ID);
        payload.put("aud", audience);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plusSeconds(60).getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    static Map<String, String> assertion(String jwt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_assertion_type", ClientAssertionVerifier.JWT_BEARER);
        form.put("client_assertion", jwt);
        return form;
    }

    /** A code exchange with an unknown code: authentication passed when the answer is invalid_grant instead. */
    static HttpResponse<String> exchange(Map<String, String> authentication, String authorization) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", "no-such-code");
        form.put("redirect_uri", TestClient.REDIRECT_URI);
        form.put("code_verifier", TestClient.random(32));
        form.putAll(authentication);
        return fixture.client().postToken(form, authorization);
    }

    static void assertAuthenticated(HttpResponse<String> exchange) {
        assertEquals(400, exchange.statusCode(), exchange.body());
        assertEquals("invalid_grant", TestClient.json(exchange).get("error"), exchange.body());
    }

    static void assertInvalidClient(HttpResponse<String> response, String reason) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_client", TestClient.json(response).get("error"), response.body());
        assertTrue(String.valueOf(TestClient.json(response).get("error_description")).contains(reason),
                response.body());
    }

    static String basicOfTestClient() {
        return TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
    }

    // ------------------------------------------------------------ RFC 7591 2: the registered method

    @Test
    void aClientRegisteredForPrivateKeyJwtIsRefusedWithItsSecretAtTheTokenEndpoint() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("client_secret_basic", "client_secret_post", "private_key_jwt");
        assertAuthenticated(exchange(Map.of(), basicOfTestClient()));

        fixture.provider().behaviour().clientAuthenticationMethod(TestClient.CLIENT_ID, "private_key_jwt");
        assertInvalidClient(exchange(Map.of(), basicOfTestClient()), "registered for token_endpoint_auth_method");
        assertInvalidClient(exchange(Map.of("client_id", TestClient.CLIENT_ID, "client_secret",
                TestClient.CLIENT_SECRET), null), "registered for token_endpoint_auth_method private_key_jwt");
        assertAuthenticated(exchange(assertion(assertionWithAudience(fixture.provider().issuer().toString())), null));
        // another client, not registered for one method, still uses any method the provider supports
        assertAuthenticated(exchange(Map.of(), TestClient.basic(OTHER_CLIENT, OTHER_SECRET)));
    }

    @Test
    void aClientRegisteredForItsSecretIsRefusedWithAnAssertion() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("client_secret_basic", "private_key_jwt")
                .clientAuthenticationMethod(TestClient.CLIENT_ID, "client_secret_basic");
        assertInvalidClient(exchange(assertion(assertionWithAudience(fixture.provider().issuer().toString())), null),
                "registered for token_endpoint_auth_method client_secret_basic, not private_key_jwt");
        assertAuthenticated(exchange(Map.of(), basicOfTestClient()));
    }

    @Test
    void theRegisteredMethodAppliesAtThePushedRequestAndRevocationEndpoints() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("client_secret_basic", "private_key_jwt")
                .clientAuthenticationMethod(TestClient.CLIENT_ID, "private_key_jwt");
        Map<String, String> pushed = new LinkedHashMap<>(TestClient.query(fixture.client().flow("openid").authorizationUrl()));
        assertInvalidClient(fixture.client().post(fixture.provider().endpoint(Endpoint.PAR), pushed, basicOfTestClient()),
                "registered for");
        pushed.putAll(assertion(assertionWithAudience(fixture.provider().issuer().toString())));
        HttpResponse<String> accepted = fixture.client().post(fixture.provider().endpoint(Endpoint.PAR), pushed, null);
        assertEquals(201, accepted.statusCode(), accepted.body());

        Map<String, String> revocation = Map.of("token", "some-token");
        assertInvalidClient(fixture.client().post(fixture.provider().endpoint(Endpoint.REVOKE), revocation, basicOfTestClient()),
                "registered for");
        Map<String, String> withAssertion = new LinkedHashMap<>(revocation);
        withAssertion.putAll(assertion(assertionWithAudience(fixture.provider().issuer().toString())));
        assertEquals(200, fixture.client().post(fixture.provider().endpoint(Endpoint.REVOKE), withAssertion, null).statusCode());
    }

    @Test
    void theRegistrationIsRemovedByReset() throws Exception {
        fixture.provider().behaviour().clientAuthenticationMethod(TestClient.CLIENT_ID, "private_key_jwt");
        assertInvalidClient(exchange(Map.of(), basicOfTestClient()), "registered for");
        fixture.provider().behaviour().reset();
        assertAuthenticated(exchange(Map.of(), basicOfTestClient()));
    }

    // ------------------------------------------------------------ FAPI 2.0 Security Profile 5.3.2.1: aud

    @Test
    void underTheFapiRuleOnlyTheIssuerAsAStringIsAnAcceptedAudience() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("private_key_jwt").requireIssuerAsAssertionAudience(true);
        String issuer = fixture.provider().issuer().toString();
        assertAuthenticated(exchange(assertion(assertionWithAudience(issuer)), null));
    }

    @Test
    void underTheFapiRuleAnArrayHoldingOnlyTheIssuerIsRefused() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("private_key_jwt");
        String issuer = fixture.provider().issuer().toString();
        // RFC 7523 alone accepts it: the refusal below is the FAPI rule's, not a malformed assertion's
        assertAuthenticated(exchange(assertion(assertionWithAudience(List.of(issuer))), null));
        fixture.provider().behaviour().requireIssuerAsAssertionAudience(true);
        assertInvalidClient(exchange(assertion(assertionWithAudience(List.of(issuer))), null), "not an array");
    }

    @Test
    void underTheFapiRuleAnArrayOfTheIssuerAndAnotherAudienceIsRefused() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("private_key_jwt").requireIssuerAsAssertionAudience(true);
        String issuer = fixture.provider().issuer().toString();
        assertInvalidClient(exchange(assertion(assertionWithAudience(List.of(issuer, "https://rs.example"))), null),
                "not an array");
    }

    @Test
    void underTheFapiRuleAnyOtherStringIsRefused() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("private_key_jwt").requireIssuerAsAssertionAudience(true);
        String issuer = fixture.provider().issuer().toString();
        for (String other : new String[] {fixture.provider().endpoint(Endpoint.TOKEN).toString(), issuer + "/",
                "https://elsewhere.example", ""}) {
            assertInvalidClient(exchange(assertion(assertionWithAudience(other)), null), "and only it");
        }
    }

    @Test
    void underTheFapiRuleANumberOrAnObjectAsAudienceIsRefused() throws Exception {
        fixture.provider().behaviour().tokenEndpointAuthMethods("private_key_jwt").requireIssuerAsAssertionAudience(true);
        HttpResponse<String> number = exchange(assertion(assertionWithAudience(42)), null);
        assertEquals(401, number.statusCode(), number.body());
        HttpResponse<String> object = exchange(assertion(assertionWithAudience(Map.of("iss",
                fixture.provider().issuer().toString()))), null);
        assertEquals(401, object.statusCode(), object.body());
    }
}
