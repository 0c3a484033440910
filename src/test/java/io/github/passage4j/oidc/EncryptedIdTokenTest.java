package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC Core 3.1.3.7 step 1 and 10.2: encrypted (nested) ID tokens are decrypted with the client's decryption key,
 * then validated as signed ones; the JWE's alg, enc, zip and kid are checked before the key works; a plain ID token
 * is refused when encryption is required, after sign-in and after refresh alike.
 */
class EncryptedIdTokenTest {

    private static final RSAKey RSA_ENC = TestSupport.rsa("rsa-enc");
    private static final RSAKey OTHER_RSA_ENC = TestSupport.rsa("rsa-enc");
    private static final ECKey EC_ENC = TestSupport.ec("ec-enc", Curve.P_256);

    private final FakeProvider fake;
    private final Map<String, Object> claims;

    EncryptedIdTokenTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        claims = TestSupport.claims(fake.issuer);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static DecryptionKey key(JWK privateKey, String algorithmOrNull) {
        return DecryptionKey.parse(privateKey.toJSONString(), algorithmOrNull);
    }

    private OpenIdProvider provider(DecryptionKey key, boolean required) {
        return TestSupport.provider(fake, new ClientProtocol(null, null, null, false, false, false, null, null, null,
                new TokenProtection(key, required, false, false)));
    }

    private String signed() {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    static String encrypt(String content, JWEHeader header, JWK recipient) {
        try {
            JWEEncrypter encrypter = recipient instanceof RSAKey rsa ? new RSAEncrypter(rsa.toRSAPublicKey())
                    : new ECDHEncrypter(((ECKey) recipient).toECPublicKey());
            JWEObject jwe = new JWEObject(header, new Payload(content));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWEHeader.Builder header(JWEAlgorithm alg, String kid) {
        return new JWEHeader.Builder(alg, EncryptionMethod.A256GCM).contentType("JWT").keyID(kid);
    }

    private void assertRejected(OpenIdProvider provider, String token, String expectedInMessage) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.validateIdToken(token, TestSupport.NONCE, null));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        assertNull(e.getCause(), "no crypto detail travels with the rejection");
    }

    @Test
    void anRsaOaep256NestedIdTokenIsDecryptedAndKeptAsTheSignedTokenInside() throws Exception {
        DecryptionKey key = key(RSA_ENC, null);
        String inner = signed();
        String token = encrypt(inner, header(JWEAlgorithm.RSA_OAEP_256, key.keyId()).build(), RSA_ENC);

        ValidatedIdToken validated = provider(key, true).validateIdToken(token, TestSupport.NONCE, null);

        assertEquals("user-42", validated.subject());
        // RP-Initiated Logout 2: id_token_hint is the signed ID token, never the JWE
        assertEquals(inner, validated.rawToken());
    }

    @Test
    void ecdhEsAndEcdhEsWithKeyWrapAreDecrypted() throws Exception {
        DecryptionKey direct = key(EC_ENC, "ECDH-ES");
        assertEquals("user-42", provider(direct, true).validateIdToken(
                encrypt(signed(), header(JWEAlgorithm.ECDH_ES, "ec-enc").build(), EC_ENC), TestSupport.NONCE, null)
                .subject());
        DecryptionKey wrapped = key(EC_ENC, "ECDH-ES+A256KW");
        assertEquals("user-42", provider(wrapped, true).validateIdToken(
                encrypt(signed(), header(JWEAlgorithm.ECDH_ES_A256KW, "ec-enc").build(), EC_ENC), TestSupport.NONCE,
                null).subject());
    }

    @Test
    void aPlainSignedIdTokenIsRefusedWhenEncryptionIsRequired() {
        assertRejected(provider(key(RSA_ENC, null), true), signed(), "OIDC Core 3.1.3.7 step 1: ID token is not "
                + "encrypted");
    }

    @Test
    void aPlainSignedIdTokenIsAcceptedWhenEncryptionIsOnlyPossible() throws Exception {
        assertEquals("user-42", provider(key(RSA_ENC, null), false).validateIdToken(signed(), TestSupport.NONCE, null)
                .subject());
    }

    @Test
    void aJweToAnotherKeyFailsCleanly() {
        // same kid, other key material: only the decryption itself can tell
        String token = encrypt(signed(), header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc").build(), OTHER_RSA_ENC);
        assertRejected(provider(key(RSA_ENC, null), true), token, "cannot be decrypted with the client's decryption "
                + "key");
    }

    @Test
    void aJweNamingAnotherKidIsRefusedBeforeDecrypting() {
        String token = encrypt(signed(), header(JWEAlgorithm.RSA_OAEP_256, "someone-else").build(), RSA_ENC);
        assertRejected(provider(key(RSA_ENC, null), true), token, "encrypted to another key");
    }

    @Test
    void anotherAlgThanTheConfiguredOneIsRefused() {
        String token = encrypt(signed(), header(JWEAlgorithm.ECDH_ES_A256KW, "ec-enc").build(), EC_ENC);
        assertRejected(provider(key(EC_ENC, "ECDH-ES"), true), token, "JWE alg ECDH-ES+A256KW is not the configured "
                + "ECDH-ES");
    }

    @Test
    void anotherEncThanA256GcmIsRefused() {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM).keyID("rsa-enc")
                .build();
        assertRejected(provider(key(RSA_ENC, null), true), encrypt(signed(), header, RSA_ENC), "JWE enc A128GCM is "
                + "not A256GCM");
    }

    @Test
    void aCompressedJweIsRefused() {
        JWEHeader header = header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc").compressionAlgorithm(CompressionAlgorithm.DEF)
                .build();
        assertRejected(provider(key(RSA_ENC, null), true), encrypt(signed(), header, RSA_ENC), "compressed (zip)");
    }

    @Test
    void anOversizedJweIsRefusedBeforeParsing() {
        String huge = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0." + "A".repeat(TokenDecryption.MAX_LENGTH)
                + ".AAAA.AAAA.AAAA";
        assertRejected(provider(key(RSA_ENC, null), true), huge, "is not a compact JWE of at most");
    }

    @Test
    void anEncryptedButUnsignedIdTokenIsRefused() throws Exception {
        // OIDC Core 10.2: an ID token is signed, then encrypted; JSON claims inside a JWE are not an ID token
        String token = encrypt(JSONObjectUtils.toJSONString(claims), header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc")
                .contentType(null).build(), RSA_ENC);
        assertRejected(provider(key(RSA_ENC, null), true), token, "OIDC Core 2: ID token is not a well-formed JWT");
    }

    @Test
    void withoutADecryptionKeyAnEncryptedIdTokenIsRefusedAsBefore() {
        String token = encrypt(signed(), header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc").build(), RSA_ENC);
        assertRejected(TestSupport.provider(fake), token, "is encrypted, which was not requested");
    }

    @Test
    void aRefreshedIdTokenIsDecryptedAndMustBeEncryptedToo() throws Exception {
        DecryptionKey key = key(RSA_ENC, null);
        OpenIdProvider provider = provider(key, true);
        ValidatedIdToken original = provider.validateIdToken(
                encrypt(signed(), header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc").build(), RSA_ENC), TestSupport.NONCE,
                null);
        claims.remove("nonce");
        String refreshed = signed();
        assertEquals(refreshed, provider.validateRefreshedIdToken(
                encrypt(refreshed, header(JWEAlgorithm.RSA_OAEP_256, "rsa-enc").build(), RSA_ENC), original, null)
                .rawToken());
        ProviderRejectedException plain = assertThrows(ProviderRejectedException.class,
                () -> provider.validateRefreshedIdToken(refreshed, original, null));
        assertTrue(plain.getMessage().contains("ID token is not encrypted"), plain.getMessage());
    }

    @Test
    void theDecryptionKeyIsPublishedForEncryptionWithItsOwnKid() {
        DecryptionKey key = DecryptionKey.parse(new RSAKey.Builder(RSA_ENC).keyID(null).build().toJSONString(), null);
        JWK published = key.publicJwk();
        assertEquals("enc", published.getKeyUse().identifier());
        assertEquals("RSA-OAEP-256", published.getAlgorithm().getName());
        assertTrue(key.keyId().startsWith("enc-"), key.keyId());
        assertFalse(published.isPrivate());
        assertFalse(key.toString().contains("\"d\""));
    }

    @Test
    void aKeyThatDoesNotFitTheAlgorithmIsRefused() {
        IllegalArgumentException rsaWithEcdh = assertThrows(IllegalArgumentException.class,
                () -> key(RSA_ENC, "ECDH-ES"));
        assertTrue(rsaWithEcdh.getMessage().contains("an RSA key decrypts with RSA-OAEP-256"), rsaWithEcdh.getMessage());
        assertThrows(IllegalArgumentException.class, () -> key(EC_ENC, "RSA-OAEP-256"));
        assertThrows(IllegalArgumentException.class, () -> key(RSA_ENC, "RSA1_5"));
        assertThrows(IllegalArgumentException.class, () -> key(RSA_ENC.toPublicJWK(), null));
        assertThrows(IllegalArgumentException.class, () -> new TokenProtection(null, true, false, false));
    }
}
