package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC Core 5.3.2: a userinfo response as {@code application/jwt} is verified (signature with the ID token's
 * algorithms and keys, never alg none), then {@code iss}, {@code aud}, then the {@code sub}; an encrypted one is
 * decrypted first; plain JSON is refused once a signed or encrypted answer is configured.
 */
class SignedUserInfoTest {

    private static final RSAKey RSA_ENC = TestSupport.rsa("rsa-enc");

    private final FakeProvider fake;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    SignedUserInfoTest() throws Exception {
        fake = new FakeProvider();
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
        fake.publish(TestSupport.RSA_1);
        claims.put("iss", fake.issuer);
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("sub", "user-1");
        claims.put("email", "a@example.com");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void answerJwt(String body) {
        fake.on("/userinfo", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwt; charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private String signed(RSAKey key) {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims,
                TestSupport.signer(key));
    }

    private static com.nimbusds.jose.JWSSigner hmacSigner() {
        try {
            return new com.nimbusds.jose.crypto.MACSigner(TestSupport.CLIENT_SECRET);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    private OpenIdProvider provider(TokenProtection protection) {
        return TestSupport.provider(fake, new ClientProtocol(null, null, null, false, false, false, null, null, null,
                protection));
    }

    private Map<String, Object> fetch(OpenIdProvider provider) throws Exception {
        return provider.fetchUserInfo("access-1", "user-1");
    }

    private void assertRejected(OpenIdProvider provider, String expectedInMessage) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> fetch(provider));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void aSignedUserinfoResponseIsVerifiedAndItsClaimsReturned() throws Exception {
        answerJwt(signed(TestSupport.RSA_1));
        assertEquals("a@example.com", fetch(TestSupport.provider(fake)).get("email"));
    }

    @Test
    void anAudienceListContainingTheClientIsAccepted() throws Exception {
        claims.put("aud", List.of("other", TestSupport.CLIENT_ID));
        answerJwt(signed(TestSupport.RSA_1));
        assertEquals("user-1", fetch(TestSupport.provider(fake)).get("sub"));
    }

    @Test
    void aUserinfoJwtSignedByAnotherKeyIsRefused() {
        // same kid, another key: only the signature check catches it
        answerJwt(signed(TestSupport.rsa("rsa-1")));
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: userinfo response signature is invalid");
    }

    @Test
    void anUnsignedUserinfoJwtIsRefused() {
        answerJwt(new PlainObject(new Payload(claims)).serialize());
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: userinfo response is unsigned (alg none)");
    }

    @Test
    void anAlgorithmOutsideTheAllowListIsRefusedBeforeTheSignature() {
        String hs256 = TestSupport.sign(new JWSHeader(JWSAlgorithm.HS256), claims, hmacSigner());
        answerJwt(hs256);
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: userinfo response alg HS256 is not allowed");
    }

    @Test
    void anOversizedUserinfoJwtIsRefusedBeforeParsing() {
        answerJwt("eyJhbGciOiJSUzI1NiJ9." + "A".repeat(TokenDecryption.MAX_LENGTH) + ".AAAA");
        assertRejected(TestSupport.provider(fake), "userinfo response JWT is longer than");
    }

    @Test
    void aUserinfoJwtForAnotherAudienceIsRefused() {
        claims.put("aud", "another-client");
        answerJwt(signed(TestSupport.RSA_1));
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: aud of the signed userinfo response");
    }

    @Test
    void aUserinfoJwtWithoutAudienceIsRefused() {
        claims.remove("aud");
        answerJwt(signed(TestSupport.RSA_1));
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: aud");
    }

    @Test
    void aUserinfoJwtFromAnotherIssuerIsRefused() {
        claims.put("iss", "https://elsewhere.example");
        answerJwt(signed(TestSupport.RSA_1));
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: iss of the signed userinfo response");
    }

    @Test
    void theSubjectIsStillCheckedAfterTheSignature() {
        claims.put("sub", "someone-else");
        answerJwt(signed(TestSupport.RSA_1));
        assertRejected(TestSupport.provider(fake), "OIDC Core 5.3.2: userinfo sub does not match");
    }

    @Test
    void plainJsonIsAcceptedUnlessASignedResponseIsConfigured() throws Exception {
        fake.on("/userinfo", FakeProvider.json(200, "{\"sub\":\"user-1\",\"email\":\"a@example.com\"}"));
        assertEquals("a@example.com", fetch(TestSupport.provider(fake)).get("email"));
        assertRejected(provider(new TokenProtection(null, false, false, true)), "userinfo response is plain JSON "
                + "although a signed response is configured");
    }

    @Test
    void aSignedThenEncryptedResponseIsDecryptedAndVerified() throws Exception {
        DecryptionKey key = EncryptedIdTokenTest.key(RSA_ENC, null);
        answerJwt(EncryptedIdTokenTest.encrypt(signed(TestSupport.RSA_1),
                EncryptedIdTokenTest.header(JWEAlgorithm.RSA_OAEP_256, key.keyId()).build(), RSA_ENC));
        assertEquals("a@example.com", fetch(provider(new TokenProtection(key, false, true, true))).get("email"));
    }

    @Test
    void anEncryptedOnlyResponseIsAcceptedUnlessSigningIsRequired() throws Exception {
        DecryptionKey key = EncryptedIdTokenTest.key(RSA_ENC, null);
        answerJwt(EncryptedIdTokenTest.encrypt(JSONObjectUtils.toJSONString(claims),
                EncryptedIdTokenTest.header(JWEAlgorithm.RSA_OAEP_256, key.keyId()).contentType(null).build(),
                RSA_ENC));
        assertEquals("a@example.com", fetch(provider(new TokenProtection(key, false, true, false))).get("email"));
        assertRejected(provider(new TokenProtection(key, false, true, true)), "encrypted but not signed");
    }

    @Test
    void anUnencryptedResponseIsRefusedWhenEncryptionIsRequired() {
        answerJwt(signed(TestSupport.RSA_1));
        assertRejected(provider(new TokenProtection(EncryptedIdTokenTest.key(RSA_ENC, null), false, true, false)),
                "OIDC Core 5.3.2: userinfo response is not encrypted");
    }

    @Test
    void anEncryptedResponseToAnotherKeyIsRefused() {
        DecryptionKey key = EncryptedIdTokenTest.key(RSA_ENC, null);
        answerJwt(EncryptedIdTokenTest.encrypt(signed(TestSupport.RSA_1),
                EncryptedIdTokenTest.header(JWEAlgorithm.RSA_OAEP_256, key.keyId()).build(),
                TestSupport.rsa("rsa-enc")));
        assertRejected(provider(new TokenProtection(key, false, true, false)), "OIDC Core 5.3.2: userinfo response "
                + "cannot be decrypted");
    }
}
