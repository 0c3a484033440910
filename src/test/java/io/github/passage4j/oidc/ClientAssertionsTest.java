package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The assertions as they cross the wire. FAPI 2.0 Security Profile 5.3.2.1 lets a provider accept only its issuer
 * identifier as a string in {@code aud}; the raw payload JSON is read here, because Nimbus's claims view turns a
 * string and a one-element array into the same list and so cannot tell whether such a provider would refuse it.
 */
class ClientAssertionsTest {

    private static final URI ISSUER = URI.create("https://op.example");
    private static final URI TOKEN_ENDPOINT = URI.create("https://op.example/token");

    private static Map<String, Object> rawPayload(Map<String, String> form) throws Exception {
        return TestSupport.rawPayload(form.get("client_assertion"));
    }

    private static Map<String, String> privateKeyJwtForm(ClientAssertionAudience audience) {
        ClientKey key = TestSupport.ecClientKey();
        Map<String, String> form = new LinkedHashMap<>();
        new ClientAssertions(TestSupport.CLIENT_ID, audience, TestSupport.CLOCK).add(TOKEN_ENDPOINT, ISSUER,
                key.algorithm(), key.keyId(), key.signer(), PrivateKeyJWT::new, form);
        return form;
    }

    @Test
    void thePrivateKeyJwtAudienceIsTheIssuerAsASingleJsonString() throws Exception {
        Object aud = rawPayload(privateKeyJwtForm(ClientAssertionAudience.ISSUER)).get("aud");
        assertInstanceOf(String.class, aud, "aud must be a JSON string, not an array: " + aud);
        assertEquals(ISSUER.toString(), aud);
    }

    @Test
    void theClientSecretJwtAudienceIsTheIssuerAsASingleJsonString() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        new ClientAssertions(TestSupport.CLIENT_ID, ClientAssertionAudience.ISSUER, TestSupport.CLOCK).add(
                TOKEN_ENDPOINT, ISSUER, JWSAlgorithm.HS256, null,
                new MACSigner(TestSupport.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)), ClientSecretJWT::new, form);
        Object aud = rawPayload(form).get("aud");
        assertInstanceOf(String.class, aud, "aud must be a JSON string, not an array: " + aud);
        assertEquals(ISSUER.toString(), aud);
    }

    @Test
    void theEndpointAudienceIsAlsoASingleJsonString() throws Exception {
        Object aud = rawPayload(privateKeyJwtForm(ClientAssertionAudience.ENDPOINT)).get("aud");
        assertInstanceOf(String.class, aud, "aud must be a JSON string, not an array: " + aud);
        assertEquals(TOKEN_ENDPOINT.toString(), aud);
    }
}
