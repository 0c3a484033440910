package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    @Test
    void issuerIsLoopbackHttpWithoutTrailingSlash() {
        String issuer = provider.issuer().toString();
        assertEquals("http://127.0.0.1:" + provider.port(), issuer);
        assertTrue(provider.port() > 0);
    }

    @Test
    void discoveryDocumentDescribesPassage() throws Exception {
        HttpResponse<String> response = client.get(provider.endpoint(Endpoint.DISCOVERY));
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> doc = TestClient.json(response);
        String issuer = provider.issuer().toString();
        assertEquals(issuer, doc.get("issuer"));
        assertEquals(issuer + "/authorize", doc.get("authorization_endpoint"));
        assertEquals(issuer + "/token", doc.get("token_endpoint"));
        assertEquals(issuer + "/userinfo", doc.get("userinfo_endpoint"));
        assertEquals(issuer + "/.well-known/jwks.json", doc.get("jwks_uri"));
        assertEquals(issuer + "/revoke", doc.get("revocation_endpoint"));
        assertEquals(issuer + "/logout", doc.get("end_session_endpoint"));
        assertEquals(List.of("code"), doc.get("response_types_supported"));
        assertEquals(List.of("public"), doc.get("subject_types_supported"));
        assertEquals(List.of("RS256"), doc.get("id_token_signing_alg_values_supported"));
        assertEquals(List.of("client_secret_basic"), doc.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("S256"), doc.get("code_challenge_methods_supported"));
        assertEquals(List.of("openid", "email", "phone"), doc.get("scopes_supported"));
        assertEquals(List.of("authorization_code", "refresh_token"), doc.get("grant_types_supported"));
        assertEquals(Boolean.TRUE, doc.get("authorization_response_iss_parameter_supported"));
        @SuppressWarnings("unchecked")
        List<String> claims = (List<String>) doc.get("claims_supported");
        assertTrue(claims.containsAll(List.of("sub", "email", "email_verified", "phone_number", "phone_number_verified")));
        assertEquals(1, provider.discoveryRequests());
    }

    @Test
    void jwksPublishesThePublicSigningKeyOnly() throws Exception {
        HttpResponse<String> response = client.get(provider.endpoint(Endpoint.JWKS));
        assertEquals(200, response.statusCode());
        JWKSet set = JWKSet.parse(response.body());
        assertEquals(1, set.getKeys().size());
        JWK key = set.getKeys().get(0);
        assertTrue(key instanceof RSAKey);
        assertFalse(key.isPrivate(), "the JWKS must not leak the private key");
        assertFalse(response.body().contains("\"d\""));
        assertNotNull(key.getKeyID());
        assertEquals(provider.signingKey().getKeyID(), key.getKeyID());
        assertEquals(KeyUse.SIGNATURE, key.getKeyUse());
        assertEquals(JWSAlgorithm.RS256, key.getAlgorithm());
        assertEquals(2048, key.size());
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodIsRefused() throws Exception {
        assertEquals(404, client.get(provider.issuer().resolve("/nothing-here")).statusCode());
        HttpResponse<String> getToken = client.get(provider.endpoint(Endpoint.TOKEN));
        assertEquals(405, getToken.statusCode());
        assertEquals("POST", getToken.headers().firstValue("Allow").orElseThrow());
    }
}
