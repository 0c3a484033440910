package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed userinfo (OIDC Core 5.3.2) and encrypted ID tokens and userinfo (OIDC Core 10.2) as the behaviour switches
 * them, and each hostile switch breaking exactly its one rule.
 */
class ProtectedResponsesTest {

    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static final RSAKey RSA_ENC = generateRsa("client-enc");
    private static final ECKey EC_ENC = generateEc("client-ec-enc");

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.ENCRYPTION).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.ENCRYPTION).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> userinfo() throws Exception {
        String token = (String) client.tokensFor("user-alice", "openid email").get("access_token");
        return client.get(provider.endpoint(Endpoint.USERINFO), "Bearer " + token);
    }

    private static SignedJWT verifiedUserinfo(String body) throws Exception {
        SignedJWT jwt = SignedJWT.parse(body);
        assertTrue(jwt.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())), "signed by the provider");
        return jwt;
    }

    @Test
    void discoveryAnnouncesSigningAndEncryptionAlgorithms() throws Exception {
        Map<String, Object> discovery = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(List.of("RS256"), discovery.get("userinfo_signing_alg_values_supported"));
        assertEquals(List.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A256KW"),
                discovery.get("id_token_encryption_alg_values_supported"));
        assertEquals(List.of("A256GCM"), discovery.get("id_token_encryption_enc_values_supported"));
        assertEquals(List.of("A256GCM"), discovery.get("userinfo_encryption_enc_values_supported"));
    }

    @Test
    void userinfoIsJsonByDefaultAndASignedJwtWhenSwitchedOn() throws Exception {
        assertTrue(userinfo().headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        provider.behaviour().signedUserinfo(true);
        HttpResponse<String> response = userinfo();
        assertEquals("application/jwt", response.headers().firstValue("Content-Type").orElseThrow());
        SignedJWT jwt = verifiedUserinfo(response.body());
        assertEquals(provider.issuer().toString(), jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(TestClient.CLIENT_ID), jwt.getJWTClaimsSet().getAudience());
        assertEquals("user-alice", jwt.getJWTClaimsSet().getSubject());
        assertEquals("alice@example.com", jwt.getJWTClaimsSet().getStringClaim("email"));
    }

    @Test
    void aUserinfoJwtSignedByAnotherKeyKeepsTheKidButDoesNotVerify() throws Exception {
        provider.behaviour().signedUserinfo(true).userinfoSignedByAnotherKey(true);
        SignedJWT jwt = SignedJWT.parse(userinfo().body());
        assertEquals(provider.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        assertFalse(jwt.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        assertEquals(TestClient.CLIENT_ID, jwt.getJWTClaimsSet().getAudience().get(0));
    }

    @Test
    void aUserinfoJwtForAnotherAudienceChangesOnlyTheAudience() throws Exception {
        provider.behaviour().signedUserinfo(true).userinfoForAnotherAudience(true);
        SignedJWT jwt = verifiedUserinfo(userinfo().body());
        assertEquals(List.of(HostileCase.UNTRUSTED_CLIENT), jwt.getJWTClaimsSet().getAudience());
        assertEquals(provider.issuer().toString(), jwt.getJWTClaimsSet().getIssuer());
    }

    @Test
    void aUserinfoJwtFromAnotherIssuerChangesOnlyTheIssuer() throws Exception {
        provider.behaviour().signedUserinfo(true).userinfoFromAnotherIssuer(true);
        SignedJWT jwt = verifiedUserinfo(userinfo().body());
        assertEquals(provider.issuer() + HostileCase.OTHER_ISSUER_SUFFIX, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(TestClient.CLIENT_ID), jwt.getJWTClaimsSet().getAudience());
    }

    @Test
    void idTokensAreEncryptedToTheGivenKeyAsNestedJwts() throws Exception {
        provider.behaviour().clientEncryptionKey(RSA_ENC).encryptIdTokens(true);
        String idToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
        JWEObject jwe = JWEObject.parse(idToken);
        assertEquals("RSA-OAEP-256", jwe.getHeader().getAlgorithm().getName());
        assertEquals("A256GCM", jwe.getHeader().getEncryptionMethod().getName());
        assertEquals("client-enc", jwe.getHeader().getKeyID());
        assertEquals("JWT", jwe.getHeader().getContentType());
        jwe.decrypt(new RSADecrypter(RSA_ENC));
        SignedJWT inner = jwe.getPayload().toSignedJWT();
        assertTrue(inner.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        assertEquals("user-alice", inner.getJWTClaimsSet().getSubject());
    }

    @Test
    void theClientsRegisteredUseEncKeyIsUsedWithEcdhEs() throws Exception {
        // a use:sig key first: only the use:enc key is encrypted to
        try {
            RSAKey sig = new RSAKey.Builder(generateRsa("client-sig")).keyUse(KeyUse.SIGNATURE).build();
            provider.behaviour().clientJwks(TestClient.CLIENT_ID, new JWKSet(List.of(sig.toPublicJWK(),
                    EC_ENC.toPublicJWK())));
            provider.behaviour().encryptIdTokens(true);
            JWEObject jwe = JWEObject.parse((String) client.tokensFor("user-alice", "openid").get("id_token"));
            assertEquals("ECDH-ES", jwe.getHeader().getAlgorithm().getName());
            assertEquals("client-ec-enc", jwe.getHeader().getKeyID());
            jwe.decrypt(new ECDHDecrypter(EC_ENC));
            assertNotNull(jwe.getPayload().toSignedJWT());
        } finally {
            provider.behaviour().clientJwks(TestClient.CLIENT_ID, null);
        }
    }

    @Test
    void userinfoIsSignedThenEncryptedOrEncryptedOnly() throws Exception {
        provider.behaviour().clientEncryptionKey(RSA_ENC).signedUserinfo(true).encryptUserinfo(true);
        HttpResponse<String> response = userinfo();
        assertEquals("application/jwt", response.headers().firstValue("Content-Type").orElseThrow());
        JWEObject jwe = JWEObject.parse(response.body());
        jwe.decrypt(new RSADecrypter(RSA_ENC));
        assertEquals("user-alice", verifiedUserinfo(jwe.getPayload().toString()).getJWTClaimsSet().getSubject());

        provider.behaviour().signedUserinfo(false);
        JWEObject encryptedOnly = JWEObject.parse(userinfo().body());
        encryptedOnly.decrypt(new RSADecrypter(RSA_ENC));
        assertEquals("user-alice", encryptedOnly.getPayload().toJSONObject().get("sub"));
    }

    @Test
    void aJweToAnotherKeyNamesTheClientsKidButDoesNotDecryptWithIt() throws Exception {
        provider.behaviour().clientEncryptionKey(RSA_ENC).encryptIdTokens(true).encryptToAnotherKey(true);
        JWEObject jwe = JWEObject.parse((String) client.tokensFor("user-alice", "openid").get("id_token"));
        assertEquals("client-enc", jwe.getHeader().getKeyID());
        assertThrows(JOSEException.class, () -> jwe.decrypt(new RSADecrypter(RSA_ENC)));
    }

    @Test
    void anUnencryptedIdTokenAlthoughEncryptionWasRegistered() throws Exception {
        provider.behaviour().clientEncryptionKey(RSA_ENC).encryptIdTokens(true).unencryptedIdTokens(true);
        String idToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
        assertEquals(3, idToken.split("\\.", -1).length, "a plain signed JWT");
        assertTrue(SignedJWT.parse(idToken).verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
    }

    @Test
    void resetTurnsEverythingOff() throws Exception {
        provider.behaviour().clientEncryptionKey(RSA_ENC).encryptIdTokens(true).signedUserinfo(true).reset();
        assertEquals(3, ((String) client.tokensFor("user-alice", "openid").get("id_token")).split("\\.").length);
        assertTrue(userinfo().headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }
}
