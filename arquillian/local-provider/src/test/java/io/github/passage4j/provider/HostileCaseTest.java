package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link HostileCase}, through a full code flow, against an independent {@link ReferenceValidation}: a case a
 * relying party must accept passes every check; any other fails exactly its {@link HostileCase#target()}.
 */
class HostileCaseTest {

    static LocalPassageProvider provider;
    static TestClient client;
    static ReferenceValidation reference;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        client = new TestClient(provider);
        reference = new ReferenceValidation(client);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @AfterEach
    void reset() {
        provider.behaviour().reset();
    }

    @ParameterizedTest
    @EnumSource(HostileCase.class)
    void exactlyTheTargetedCheckFails(HostileCase hostile) throws Exception {
        // A fresh relying party reads discovery and the JWKS during the sign-in; for a rotation it cached them before.
        List<RSAKey> cached = hostile == HostileCase.SIGNING_KEY_ROTATED ? reference.fetchJwks() : null;
        hostile.applyTo(provider);

        ReferenceValidation.Report report = reference.signInAndValidate(cached);

        assertEquals(EnumSet.allOf(HostileCase.Check.class), report.results.keySet(), report.toString());
        if (hostile.relyingPartyMustAccept()) {
            assertEquals(Set.of(), report.failed(), report.toString());
            assertEquals(Set.of(), report.skipped(), report.toString());
        } else {
            assertEquals(Set.of(hostile.target()), report.failed(), report.toString());
        }
        if (hostile == HostileCase.SIGNING_KEY_ROTATED) {
            assertFalse(cached.stream().anyMatch(key -> key.getKeyID().equals(report.kid)), "the new kid was not published before");
            assertTrue(report.jwksRefetched, report.toString());
            assertTrue(report.jwksUsed.stream().anyMatch(key -> key.getKeyID().equals(report.kid)), report.toString());
        }

        provider.behaviour().reset();
        ReferenceValidation.Report normal = reference.signInAndValidate(null);
        assertEquals(Set.of(), normal.failed(), "after reset: " + normal);
        assertEquals(Set.of(), normal.skipped(), "after reset: " + normal);
    }

    @Test
    void theCasesARelyingPartyMustAccept() {
        Set<HostileCase> accepted = Arrays.stream(HostileCase.values()).filter(HostileCase::relyingPartyMustAccept)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(HostileCase.class)));
        assertEquals(EnumSet.of(HostileCase.KID_ABSENT_SINGLE_KEY, HostileCase.KID_ABSENT_SEVERAL_KEYS,
                HostileCase.RS256_SIGNED, HostileCase.SIGNING_KEY_ROTATED, HostileCase.JWKS_WITH_UNPARSEABLE_KEYS), accepted);
    }

    @Test
    void everyCheckIsTheTargetOfSomeAttack() {
        Set<HostileCase.Check> targeted = Arrays.stream(HostileCase.values()).filter(hostile -> !hostile.relyingPartyMustAccept())
                .map(HostileCase::target).collect(Collectors.toCollection(() -> EnumSet.noneOf(HostileCase.Check.class)));
        assertEquals(EnumSet.allOf(HostileCase.Check.class), targeted);
        assertEquals("iss-parameter", HostileCase.ISS_PARAMETER_WRONG.target().id());
        assertEquals("at_hash", HostileCase.AT_HASH_WRONG.target().toString());
    }

    // ---------------------------------------------------------------- each attack is what it claims to be

    @ParameterizedTest
    @EnumSource(names = {"ALG_NONE_WITH_AT_HASH", "ALG_NONE_WITHOUT_AT_HASH"})
    void unsignedTokensHaveTheBareNoneHeaderAndNoSignature(HostileCase hostile) throws Exception {
        hostile.applyTo(provider);
        String idToken = idToken();
        String[] parts = idToken.split("\\.", -1);
        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"none\"}", new Base64URL(parts[0]).decodeToString());
        assertEquals("", parts[2]);
        PlainJWT jwt = PlainJWT.parse(idToken);
        assertEquals(hostile == HostileCase.ALG_NONE_WITH_AT_HASH, jwt.getJWTClaimsSet().getClaim("at_hash") != null);
        assertEquals("user-alice", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void badSignatureIsOneBitAwayFromTheRightOne() throws Exception {
        HostileCase.BAD_SIGNATURE.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        assertEquals(provider.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        assertFalse(jwt.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        byte[] signature = jwt.getSignature().decode();
        signature[signature.length / 2] ^= 0x01;
        SignedJWT repaired = new SignedJWT(jwt.getHeader().toBase64URL(), jwt.getPayload().toBase64URL(), Base64URL.encode(signature));
        assertTrue(repaired.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
    }

    @Test
    void hs256WithTheClientSecretVerifiesWithTheShortSecret() throws Exception {
        HostileCase.HS256_WITH_CLIENT_SECRET.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertNull(jwt.getHeader().getKeyID());
        assertTrue(TestClient.CLIENT_SECRET.length() < 32, "the point: shorter than Nimbus' 256-bit minimum");
        assertTrue(hmacVerifies(jwt, TestClient.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hs256WithThePublicKeyVerifiesWithTheDerOfThePublishedKey() throws Exception {
        HostileCase.HS256_WITH_RSA_PUBLIC_KEY.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        RSAKey published = (RSAKey) JWKSet.parse(client.get(provider.endpoint(Endpoint.JWKS)).body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(hmacVerifies(jwt, published.toRSAPublicKey().getEncoded()), "anyone can rebuild the secret from the JWKS");
    }

    @Test
    void jwkHeaderCarriesTheKeyThatSigned() throws Exception {
        HostileCase.JWK_HEADER.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        JWK embedded = jwt.getHeader().getJWK();
        assertFalse(embedded.isPrivate());
        assertEquals(embedded.getKeyID(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(embedded.toRSAKey())));
        assertFalse(jwt.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
    }

    @Test
    void jkuHeaderPointsAtAnAttackerJwksServedHere() throws Exception {
        HostileCase.JKU_HEADER.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        URI jku = jwt.getHeader().getJWKURL();
        assertEquals(provider.endpoint(Endpoint.HOSTILE_JWKS), jku);
        int before = provider.requestCount(Endpoint.HOSTILE_JWKS);
        JWKSet attacker = JWKSet.parse(client.get(jku).body());
        assertEquals(before + 1, provider.requestCount(Endpoint.HOSTILE_JWKS), "fetches are counted");
        RSAKey key = (RSAKey) attacker.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertFalse(key.isPrivate());
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertNull(JWKSet.parse(client.get(provider.endpoint(Endpoint.JWKS)).body()).getKeyByKeyId(key.getKeyID()));
    }

    @Test
    void x5uHeaderNamesAUrlThatServesNothing() throws Exception {
        HostileCase.X5U_HEADER.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        assertEquals(provider.endpoint(Endpoint.HOSTILE_X5U), jwt.getHeader().getX509CertURL());
        assertTrue(jwt.verify(new RSASSAVerifier(HostileKeys.attackerRsa().toRSAPublicKey())));
        int before = provider.requestCount(Endpoint.HOSTILE_X5U);
        assertEquals(404, client.get(jwt.getHeader().getX509CertURL()).statusCode());
        assertEquals(before + 1, provider.requestCount(Endpoint.HOSTILE_X5U));
    }

    @Test
    void algOutsideTheAllowListIsEdDsaVerifiableWithThePublishedKey() throws Exception {
        HostileCase.ALG_OUTSIDE_ALLOW_LIST.applyTo(provider);
        SignedJWT jwt = SignedJWT.parse(idToken());
        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
        OctetKeyPair published = (OctetKeyPair) JWKSet.parse(client.get(provider.endpoint(Endpoint.JWKS)).body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertFalse(published.isPrivate());
        byte[] spki = concat(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00},
                published.getX().decode());
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(jwt.getSigningInput());
        assertTrue(ed25519.verify(jwt.getSignature().decode()));
        assertTrue(((List<?>) TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)))
                .get("id_token_signing_alg_values_supported")).equals(List.of("RS256")), "not advertised");
    }

    @Test
    void severalKeysWithoutKidPutTheSigningKeyBehindDecoys() throws Exception {
        HostileCase.KID_ABSENT_SEVERAL_KEYS.applyTo(provider);
        List<RSAKey> keys = ReferenceValidation.rsaSignatureKeys(client.get(provider.endpoint(Endpoint.JWKS)).body());
        assertTrue(keys.size() >= 3, keys.toString());
        assertNotEquals(provider.signingKey().getKeyID(), keys.get(0).getKeyID());
        assertTrue(keys.stream().anyMatch(key -> key.getKeyID().equals(provider.signingKey().getKeyID())));
        assertNull(SignedJWT.parse(idToken()).getHeader().getKeyID());
    }

    @Test
    void unparseableKeysComeFirstAndStrictParsingChokesOnTheModulus() throws Exception {
        HostileCase.JWKS_WITH_UNPARSEABLE_KEYS.applyTo(provider);
        String jwks = client.get(provider.endpoint(Endpoint.JWKS)).body();
        assertTrue(jwks.contains("\"kty\":\"XYZ\""), jwks);
        assertTrue(jwks.contains("\"use\":\"enc\""), jwks);
        RSAKey badModulus = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId("invalid-modulus");
        assertThrows(Exception.class, badModulus::toRSAPublicKey);
        assertEquals(List.of(provider.signingKey().getKeyID()),
                ReferenceValidation.rsaSignatureKeys(jwks).stream().map(JWK::getKeyID).toList().subList(0, 1));
    }

    // ---------------------------------------------------------------- applying and resetting

    @Test
    void applyingACaseReplacesThePreviousOne() throws Exception {
        HostileCase.NONCE_WRONG.applyTo(provider);
        HostileCase.ISS_PARAMETER_MISSING.applyTo(provider);
        ReferenceValidation.Report report = reference.signInAndValidate(null);
        assertEquals(Set.of(HostileCase.Check.ISS_PARAMETER), report.failed(), report.toString());
    }

    @Test
    void applyingNeedsAStartedProvider() {
        LocalPassageProvider unstarted = LocalPassageProvider.builder().client("c", "s").build();
        assertThrows(IllegalStateException.class, () -> HostileCase.RS256_SIGNED.applyTo(unstarted));
    }

    @Test
    void resetTurnsTheNewSwitchesOffAndCancelsAPendingRotation() {
        Behaviour behaviour = provider.behaviour();
        String kid = provider.signingKey().getKeyID();
        behaviour.unsignedIdTokens(true).corruptIdTokenSignatures(true)
                .signIdTokensWithHmac(Behaviour.HmacSecret.CLIENT_SECRET)
                .authorizationResponseIssuer(issuer -> null).rotateSigningKeyAtNextTokenRequest();
        assertTrue(behaviour.signingKeyRotationPending());
        behaviour.reset();
        assertFalse(behaviour.unsignedIdTokens());
        assertFalse(behaviour.corruptIdTokenSignatures());
        assertNull(behaviour.idTokenHmacSecret());
        assertEquals("x", behaviour.authorizationResponseIssuer().apply("x"));
        assertFalse(behaviour.signingKeyRotationPending());
        assertEquals(kid, provider.signingKey().getKeyID());
    }

    @Test
    void userinfoCallsAreCounted() throws Exception {
        HostileCase.USERINFO_SUB_MISMATCH.applyTo(provider);
        int before = provider.userinfoRequests();
        ReferenceValidation.Report report = reference.signInAndValidate(null);
        assertEquals(before + 1, provider.userinfoRequests(), "the reference validation calls UserInfo once");
        assertEquals(Set.of(HostileCase.Check.USERINFO_SUB), report.failed(), report.toString());
    }

    // ---------------------------------------------------------------- helpers

    private static String idToken() throws Exception {
        return (String) client.tokensFor("user-alice", "openid").get("id_token");
    }

    private static boolean hmacVerifies(SignedJWT jwt, byte[] secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return MessageDigest.isEqual(mac.doFinal(jwt.getSigningInput()), jwt.getSignature().decode());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
