package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdTokenValidationTest {

    private final FakeProvider fake;
    private final Map<String, Object> claims;

    IdTokenValidationTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1, TestSupport.EC_1);
        claims = TestSupport.claims(fake.issuer);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestSupport.RSA_1.getKeyID());
    }

    private String rs256Token() throws Exception {
        return TestSupport.sign(rs256().build(), claims, new RSASSASigner(TestSupport.RSA_1));
    }

    private ValidatedIdToken validate(String token) throws Exception {
        return TestSupport.provider(fake).validateIdToken(token, TestSupport.NONCE, null);
    }

    private void assertRejected(String token, String expectedInMessage) {
        assertRejected(TestSupport.provider(fake), token, null, expectedInMessage);
    }

    private static void assertRejected(OpenIdProvider provider, String token, String accessToken, String expectedInMessage) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.validateIdToken(token, TestSupport.NONCE, accessToken));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    private OpenIdProvider hmacProvider() {
        fake.discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        return new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("RS256", "HS256")), TestSupport.CLOCK,
                TestSupport.tuning(new AtomicLong()));
    }

    // ---- accepted tokens

    @Test
    void validRs256TokenIsAcceptedWithPlainJavaClaims() throws Exception {
        claims.put("email_verified", true);
        claims.put("address", Map.of("country", "NL"));
        claims.put("groups", List.of("a", "b"));
        String token = rs256Token();

        ValidatedIdToken validated = validate(token);

        assertEquals("user-42", validated.subject());
        assertEquals(TestSupport.NOW.plusSeconds(300), validated.expiresAt());
        assertEquals(token, validated.rawToken());
        assertEquals(fake.issuer, validated.claims().get("iss"));
        assertInstanceOf(Long.class, validated.claims().get("exp"));
        assertEquals(Boolean.TRUE, validated.claims().get("email_verified"));
        assertEquals(List.of("a", "b"), validated.claims().get("groups"));
        assertEquals(Map.of("country", "NL"), validated.claims().get("address"));
        assertThrows(UnsupportedOperationException.class, () -> validated.claims().put("x", "y"));
        assertFalse(validated.toString().contains(token), validated.toString());
    }

    @Test
    void validEs256TokenIsAcceptedWhenTheClientIsRegisteredForEs256() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertEquals("user-42", registeredFor("ES256").validateIdToken(token, TestSupport.NONCE, null).subject());
    }

    @Test
    void validPs256TokenIsAcceptedWhenTheClientIsRegisteredForPs256() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertEquals("user-42", registeredFor("PS256").validateIdToken(token, TestSupport.NONCE, null).subject());
    }

    @Test
    void es256ByAPublishedKeyIsRejectedWhenTheClientIsRegisteredForRs256() throws Exception {
        // the provider publishes an EC key and lists ES256, but the client registered RS256 (the default)
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertRejected(token, "OIDC Core 3.1.3.7 step 7: ID token alg ES256 is not allowed");
        String ps256 = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(ps256, "OIDC Core 3.1.3.7 step 7: ID token alg PS256 is not allowed");
    }

    private OpenIdProvider registeredFor(String algorithm) {
        return new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of(algorithm)), TestSupport.CLOCK,
                TestSupport.tuning(new AtomicLong()));
    }

    @Test
    void typHeaderJwtIsAccepted() throws Exception {
        String token = TestSupport.sign(rs256().type(JOSEObjectType.JWT).build(), claims, new RSASSASigner(TestSupport.RSA_1));
        assertEquals("user-42", validate(token).subject());
    }

    // ---- form and header

    @Test
    void idTokenTypedAsAccessTokenIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().type(new JOSEObjectType("at+jwt")).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "RFC 8725 3.11: ID token has typ at+jwt");
    }

    @Test
    void idTokenTypedAsLogoutTokenIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().type(new JOSEObjectType("application/logout+jwt")).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "RFC 8725 3.11");
    }

    @Test
    void malformedTokenIsRejected() {
        assertRejected("not-a-jwt", "OIDC Core 2");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        String token = new PlainObject(new Payload(claims)).serialize();
        assertRejected(token, "alg none");
    }

    @Test
    void encryptedTokenIsRejected() throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), new Payload(claims));
        jwe.encrypt(new RSAEncrypter(TestSupport.RSA_1));
        assertRejected(jwe.serialize(), "step 1");
    }

    @Test
    void headerJwkIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().jwk(TestSupport.RSA_1.toPublicJWK()).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "header carries jwk");
    }

    @Test
    void headerJkuIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().jwkURL(URI.create(fake.issuer + "/jwks")).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "header carries jku");
    }

    @Test
    void headerX5uIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().x509CertURL(URI.create(fake.issuer + "/cert")).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "header carries x5u");
    }

    @Test
    void headerX5cIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().x509CertChain(List.of(Base64.encode("not a cert"))).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "header carries x5c");
    }

    @Test
    void criticalHeaderParameterIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().customParam("ext", "x").criticalParams(Set.of("ext")).build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "RFC 7515 4.1.11");
    }

    // ---- algorithm (steps 6, 7, 8)

    @Test
    void algNotAllowedBySettingsIsRejected() throws Exception {
        OpenIdProvider provider = new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("ES256")),
                TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
        assertRejected(provider, rs256Token(), null, "step 7");
    }

    @Test
    void algNotListedByProviderIsRejected() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(token, "step 7");
    }

    @Test
    void withoutProviderAlgListOnlyRs256IsAccepted() throws Exception {
        fake.discoveryDocument.remove("id_token_signing_alg_values_supported");
        String ps256 = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims,
                new RSASSASigner(TestSupport.RSA_1));
        assertRejected(ps256, "step 7");
        assertEquals("user-42", validate(rs256Token()).subject());
    }

    @Test
    void hmacSignedWithThePublicKeyIsRejectedByDefault() throws Exception {
        fake.discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        byte[] publicKey = TestSupport.RSA_1.toRSAPublicKey().getEncoded();
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims,
                new MACSigner(publicKey));
        assertRejected(token, "step 7");
    }

    @Test
    void hmacSignedWithThePublicKeyFailsEvenWhenHmacIsAllowed() throws Exception {
        OpenIdProvider provider = hmacProvider();
        byte[] publicKey = TestSupport.RSA_1.toRSAPublicKey().getEncoded();
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims,
                new MACSigner(publicKey));
        assertRejected(provider, token, null, "step 8");
    }

    @Test
    void hmacKeyedWithTheClientSecretIsAcceptedWhenAllowed() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims,
                new MACSigner(TestSupport.CLIENT_SECRET));
        assertEquals("user-42", hmacProvider().validateIdToken(token, TestSupport.NONCE, null).subject());
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        String token = TestSupport.sign(rs256().build(), claims, new RSASSASigner(TestSupport.RSA_2));
        assertRejected(token, "step 6: ID token signature is invalid");
    }

    @Test
    void tamperedPayloadIsRejected() throws Exception {
        String[] parts = rs256Token().split("\\.");
        claims.put("sub", "admin");
        String forgedPayload = new Payload(claims).toBase64URL().toString();
        assertRejected(parts[0] + "." + forgedPayload + "." + parts[2], "step 6");
    }

    @Test
    void keyOfTheWrongTypeIsNotUsed() throws Exception {
        // an ES256 token naming the RSA key's kid: there is no EC key with that kid
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertRejected(registeredFor("ES256"), token, null, "step 6: jwks_uri has no EC key");
    }

    // ---- claims

    @Test
    void issMismatchIsRejected() throws Exception {
        claims.put("iss", fake.issuer + "/");
        assertRejected(rs256Token(), "step 2");
    }

    @Test
    void audWithoutClientIdIsRejected() throws Exception {
        claims.put("aud", "someone-else");
        assertRejected(rs256Token(), "step 3: aud does not contain the client id");
    }

    @Test
    void missingAudIsRejected() throws Exception {
        claims.remove("aud");
        assertRejected(rs256Token(), "step 3");
    }

    @Test
    void multipleAudiencesWithoutAzpAreRejected() throws Exception {
        claims.put("aud", List.of(TestSupport.CLIENT_ID, "other"));
        assertRejected(rs256Token(), "step 4");
    }

    @Test
    void multipleAudiencesWithAzpEqualToClientIdAreAccepted() throws Exception {
        claims.put("aud", List.of(TestSupport.CLIENT_ID, "other"));
        claims.put("azp", TestSupport.CLIENT_ID);
        assertEquals("user-42", validate(rs256Token()).subject());
    }

    @Test
    void azpOtherThanClientIdIsRejected() throws Exception {
        claims.put("azp", "other");
        assertRejected(rs256Token(), "step 5");
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        claims.put("exp", TestSupport.NOW.minus(TestSupport.SKEW).minusSeconds(1).getEpochSecond());
        assertRejected(rs256Token(), "step 9");
    }

    @Test
    void expiryWithinClockSkewIsAccepted() throws Exception {
        claims.put("exp", TestSupport.NOW.minusSeconds(10).getEpochSecond());
        assertEquals("user-42", validate(rs256Token()).subject());
    }

    @Test
    void missingExpIsRejected() throws Exception {
        claims.remove("exp");
        assertRejected(rs256Token(), "step 9");
    }

    @Test
    void iatInTheFutureIsRejected() throws Exception {
        claims.put("iat", TestSupport.NOW.plus(TestSupport.SKEW).plusSeconds(1).getEpochSecond());
        assertRejected(rs256Token(), "step 10: iat is in the future");
    }

    @Test
    void iatTooFarInThePastIsRejected() throws Exception {
        claims.put("iat", TestSupport.NOW.minus(IdTokenClaimRules.MAX_TOKEN_AGE).minus(TestSupport.SKEW)
                .minusSeconds(1).getEpochSecond());
        assertRejected(rs256Token(), "step 10: iat is too far in the past");
    }

    @Test
    void missingIatIsRejected() throws Exception {
        claims.remove("iat");
        assertRejected(rs256Token(), "step 10");
    }

    @Test
    void missingSubIsRejected() throws Exception {
        claims.remove("sub");
        assertRejected(rs256Token(), "sub");
    }

    @Test
    void emptySubIsRejected() throws Exception {
        claims.put("sub", "");
        assertRejected(rs256Token(), "sub");
    }

    @Test
    void missingNonceIsRejected() throws Exception {
        claims.remove("nonce");
        assertRejected(rs256Token(), "step 11");
    }

    @Test
    void nonceMismatchIsRejected() throws Exception {
        claims.put("nonce", "another-nonce");
        assertRejected(rs256Token(), "step 11");
    }

    @Test
    void atHashMismatchIsRejected() throws Exception {
        claims.put("at_hash", AccessTokenHash.compute("the-real-access-token", SigningAlgorithm.RS256));
        assertRejected(TestSupport.provider(fake), rs256Token(), "another-access-token", "3.1.3.8");
    }

    @Test
    void atHashMatchingTheAccessTokenIsAccepted() throws Exception {
        claims.put("at_hash", AccessTokenHash.compute("the-real-access-token", SigningAlgorithm.RS256));
        assertEquals("user-42", TestSupport.provider(fake)
                .validateIdToken(rs256Token(), TestSupport.NONCE, "the-real-access-token").subject());
    }

    @Test
    void atHashIsIgnoredWithoutAccessToken() throws Exception {
        claims.put("at_hash", "does-not-matter");
        assertEquals("user-42", validate(rs256Token()).subject());
    }

    @Test
    void atHashFollowsTheOidcCoreExample() {
        // OIDC Core Appendix A.3 example: access token jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y, RS256
        assertEquals("77QmUPtjPfzWtF2AnpK9RQ",
                AccessTokenHash.compute("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", SigningAlgorithm.RS256));
    }
}
