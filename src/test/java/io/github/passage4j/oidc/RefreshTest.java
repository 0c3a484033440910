package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OIDC Core 12: the refresh grant and the checks on the ID token it may return. */
class RefreshTest {

    private static final long AUTH_TIME = TestSupport.NOW.minusSeconds(3600).getEpochSecond();

    private final FakeProvider fake;
    private final OpenIdProvider provider;
    private final Map<String, Object> claims;

    RefreshTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1, TestSupport.EC_1);
        provider = TestSupport.provider(fake);
        claims = TestSupport.claims(fake.issuer);
        claims.remove("nonce");
        claims.put("auth_time", AUTH_TIME);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String rs256(Map<String, Object> claims) {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    /** The ID token of the sign-in, validated as at the callback. */
    private ValidatedIdToken original(Map<String, Object> changes) throws Exception {
        Map<String, Object> first = TestSupport.claims(fake.issuer);
        first.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        first.put("auth_time", AUTH_TIME);
        first.putAll(changes);
        return provider.validateIdToken(rs256(first), TestSupport.NONCE, null);
    }

    private ValidatedIdToken original() throws Exception {
        return original(Map.of());
    }

    private void assertRejected(ValidatedIdToken original, String token, String accessToken, String expected) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.validateRefreshedIdToken(token, original, accessToken));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private void assertRejected(String token, String expected) throws Exception {
        assertRejected(original(), token, null, expected);
    }

    // ---- the grant

    @Test
    void refreshPostsTheGrantWithClientSecretBasicAndReturnsNewTokens() throws Exception {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"x.y.z\",\"refresh_token\":\"rt-2\",\"expires_in\":600}"));

        TokenResponse tokens = provider.refresh("rt-1/+=");

        assertEquals("at-2", tokens.accessToken());
        assertEquals("x.y.z", tokens.idToken());
        assertEquals("rt-2", tokens.refreshToken());
        assertEquals(TestSupport.NOW.plusSeconds(600), tokens.accessTokenExpiresAt());
        FakeProvider.Recorded request = fake.tokenRequests.get(0);
        assertEquals("POST", request.method());
        assertEquals("grant_type=refresh_token&refresh_token=rt-1%2F%2B%3D", request.body());
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestSupport.CLIENT_ID + ":" + TestSupport.CLIENT_SECRET).getBytes());
        assertEquals(basic, request.headers().getFirst("Authorization"));
    }

    @Test
    void refreshWithoutNewIdTokenOrRefreshTokenIsAccepted() throws Exception {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\"}"));
        TokenResponse tokens = provider.refresh("rt-1");
        assertEquals("at-2", tokens.accessToken());
        assertNull(tokens.idToken());
        assertNull(tokens.refreshToken(), "null: the caller keeps the refresh token it has");
        assertTrue(tokens.toString().contains("idToken=null"), tokens.toString());
    }

    @Test
    void emptyRefreshTokenInTheAnswerCountsAsNone() throws Exception {
        fake.on("/token", FakeProvider.json(200,
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"refresh_token\":\"\",\"id_token\":\"\"}"));
        TokenResponse tokens = provider.refresh("rt-1");
        assertNull(tokens.refreshToken());
        assertNull(tokens.idToken());
    }

    @Test
    void refusedRefreshTokenIsRejectedNamingTheGrant() {
        fake.on("/token", FakeProvider.json(400, "{\"error\":\"invalid_grant\"}"));
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> provider.refresh("rt-1"));
        assertTrue(e.getMessage().contains("refused the refresh token"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains("rt-1"), e.getMessage());
    }

    @Test
    void refreshAnswerWithoutAccessTokenIsRejected() {
        fake.on("/token", FakeProvider.json(200, "{\"token_type\":\"Bearer\",\"id_token\":\"x.y.z\"}"));
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> provider.refresh("rt-1"));
        assertTrue(e.getMessage().contains("RFC 6749 5.1"), e.getMessage());
    }

    @Test
    void refreshAnswerWithAnotherTokenTypeIsRejected() {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"DPoP\"}"));
        assertThrows(ProviderRejectedException.class, () -> provider.refresh("rt-1"));
    }

    @Test
    void providerErrorDuringRefreshMeansUnavailable() {
        fake.on("/token", FakeProvider.json(503, "{}"));
        assertThrows(ProviderUnavailableException.class, () -> provider.refresh("rt-1"));
    }

    @Test
    void codeExchangeStillRequiresAnIdToken() {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\"}"));
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.exchangeCode("c", java.net.URI.create("https://app.example/cb"), "v"));
        assertTrue(e.getMessage().contains("3.1.3.3"), e.getMessage());
    }

    // ---- the refreshed ID token: accepted

    @Test
    void refreshedIdTokenOfTheSameAuthenticationIsAccepted() throws Exception {
        String token = rs256(claims);
        ValidatedIdToken refreshed = provider.validateRefreshedIdToken(token, original(), null);
        assertEquals("user-42", refreshed.subject());
        assertEquals(token, refreshed.rawToken());
        assertEquals(TestSupport.NOW.plusSeconds(300), refreshed.expiresAt());
    }

    @Test
    void refreshedEs256IdTokenIsAcceptedWhenTheClientIsRegisteredForEs256() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        OpenIdProvider es256 = new OpenIdProvider(TestSupport.settings(fake.issuer, java.util.Set.of("ES256")), TestSupport.CLOCK,
                TestSupport.tuning(new java.util.concurrent.atomic.AtomicLong()));
        assertEquals("user-42", es256.validateRefreshedIdToken(token, original(), null).subject());
    }

    @Test
    void refreshedEs256IdTokenByAPublishedKeyIsRejectedWhenTheClientIsRegisteredForRs256() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertRejected(token, "OIDC Core 3.1.3.7 step 7: ID token alg ES256 is not allowed");
    }

    @Test
    void nonceEqualToTheOriginalIsAccepted() throws Exception {
        claims.put("nonce", TestSupport.NONCE);
        assertEquals("user-42", provider.validateRefreshedIdToken(rs256(claims), original(), null).subject());
    }

    @Test
    void audienceAsArrayOfTheSameValueIsTheSameAudience() throws Exception {
        claims.put("aud", List.of(TestSupport.CLIENT_ID));
        assertEquals("user-42", provider.validateRefreshedIdToken(rs256(claims), original(), null).subject());
    }

    @Test
    void authTimeOnlyInTheNewTokenIsAccepted() throws Exception {
        ValidatedIdToken original = original();
        Map<String, Object> withoutAuthTime = new java.util.LinkedHashMap<>(original.claims());
        withoutAuthTime.remove("auth_time");
        ValidatedIdToken originalWithoutAuthTime = new ValidatedIdToken(original.rawToken(), withoutAuthTime,
                original.subject(), original.expiresAt());
        assertEquals("user-42",
                provider.validateRefreshedIdToken(rs256(claims), originalWithoutAuthTime, null).subject());
    }

    @Test
    void matchingAtHashIsAccepted() throws Exception {
        claims.put("at_hash", AccessTokenHash.compute("at-2", SigningAlgorithm.RS256));
        assertEquals("user-42", provider.validateRefreshedIdToken(rs256(claims), original(), "at-2").subject());
    }

    // ---- the refreshed ID token: OIDC Core 12.2 against the original

    @Test
    void issuerOtherThanTheOriginalsIsRejected() throws Exception {
        ValidatedIdToken original = original();
        Map<String, Object> otherIssuer = new java.util.LinkedHashMap<>(original.claims());
        otherIssuer.put("iss", "https://other.example");
        ValidatedIdToken fromElsewhere = new ValidatedIdToken(original.rawToken(), otherIssuer, original.subject(),
                original.expiresAt());
        assertRejected(fromElsewhere, rs256(claims), null, "OIDC Core 12.2: iss differs");
    }

    @Test
    void subjectOtherThanTheOriginalsIsRejected() throws Exception {
        claims.put("sub", "user-43");
        assertRejected(rs256(claims), "OIDC Core 12.2: sub differs");
    }

    @Test
    void audienceOtherThanTheOriginalsIsRejected() throws Exception {
        ValidatedIdToken original = original(Map.of("aud", List.of(TestSupport.CLIENT_ID, "api"),
                "azp", TestSupport.CLIENT_ID));
        claims.put("aud", List.of(TestSupport.CLIENT_ID, "another-api"));
        claims.put("azp", TestSupport.CLIENT_ID);
        assertRejected(original, rs256(claims), null, "OIDC Core 12.2: aud differs");
    }

    @Test
    void azpAbsentFromTheOriginalMustBeAbsentFromTheNewToken() throws Exception {
        claims.put("azp", TestSupport.CLIENT_ID);
        assertRejected(rs256(claims), "OIDC Core 12.2: azp differs");
    }

    @Test
    void azpOfTheOriginalMustBeKept() throws Exception {
        ValidatedIdToken original = original(Map.of("azp", TestSupport.CLIENT_ID));
        assertRejected(original, rs256(claims), null, "OIDC Core 12.2: azp differs");
    }

    @Test
    void nonceOtherThanTheOriginalsIsRejected() throws Exception {
        claims.put("nonce", "another-nonce");
        assertRejected(rs256(claims), "OIDC Core 12.2: nonce");
    }

    @Test
    void nonceWhenTheOriginalHadNoneIsRejected() throws Exception {
        ValidatedIdToken original = original();
        Map<String, Object> withoutNonce = new java.util.LinkedHashMap<>(original.claims());
        withoutNonce.remove("nonce");
        ValidatedIdToken originalWithoutNonce = new ValidatedIdToken(original.rawToken(), withoutNonce,
                original.subject(), original.expiresAt());
        claims.put("nonce", TestSupport.NONCE);
        assertRejected(originalWithoutNonce, rs256(claims), null, "OIDC Core 12.2: nonce");
    }

    @Test
    void authTimeOtherThanTheOriginalAuthenticationIsRejected() throws Exception {
        claims.put("auth_time", TestSupport.NOW.minusSeconds(10).getEpochSecond());
        assertRejected(rs256(claims), "OIDC Core 12.2: auth_time differs");
    }

    @Test
    void authTimeThatIsNotANumberIsRejected() throws Exception {
        claims.put("auth_time", "yesterday");
        assertRejected(rs256(claims), "OIDC Core 12.2: auth_time is missing or not a number");
    }

    // ---- the refreshed ID token: the checks of 3.1.3.7 still apply

    @Test
    void unsignedRefreshedIdTokenIsRejected() throws Exception {
        assertRejected(new PlainObject(new Payload(claims)).serialize(), "alg none");
    }

    @Test
    void refreshedIdTokenSignedByAnotherKeyIsRejected() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                new RSASSASigner(TestSupport.RSA_2));
        assertRejected(token, "step 6: ID token signature is invalid");
    }

    @Test
    void refreshedIdTokenWithHeaderKeyIsRejected() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .jwk(TestSupport.RSA_2.toPublicJWK()).build(), claims, new RSASSASigner(TestSupport.RSA_2));
        assertRejected(token, "header carries jwk");
    }

    @Test
    void refreshedIdTokenWithAnAlgorithmTheProviderDoesNotListIsRejected() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
        assertRejected(token, "step 7: ID token alg RS512 is not allowed");
    }

    @Test
    void refreshedIdTokenForAnotherClientIsRejected() throws Exception {
        claims.put("aud", "another-client");
        assertRejected(rs256(claims), "step 3");
    }

    @Test
    void refreshedIdTokenFromAnotherIssuerIsRejected() throws Exception {
        claims.put("iss", "https://other.example");
        assertRejected(rs256(claims), "step 2");
    }

    @Test
    void expiredRefreshedIdTokenIsRejected() throws Exception {
        claims.put("exp", TestSupport.NOW.minus(TestSupport.SKEW).minusSeconds(1).getEpochSecond());
        assertRejected(rs256(claims), "step 9");
    }

    @Test
    void refreshedIdTokenIssuedInTheFutureIsRejected() throws Exception {
        claims.put("iat", TestSupport.NOW.plus(TestSupport.SKEW).plusSeconds(1).getEpochSecond());
        assertRejected(rs256(claims), "step 10: iat is in the future");
    }

    @Test
    void refreshedIdTokenIssuedLongAgoIsRejected() throws Exception {
        Instant old = TestSupport.NOW.minus(IdTokenClaimRules.MAX_TOKEN_AGE).minus(TestSupport.SKEW).minusSeconds(1);
        claims.put("iat", old.getEpochSecond());
        assertRejected(rs256(claims), "step 10: iat is too far in the past");
    }

    @Test
    void atHashMismatchIsRejected() throws Exception {
        claims.put("at_hash", AccessTokenHash.compute("at-2", SigningAlgorithm.RS256));
        assertRejected(original(), rs256(claims), "another-access-token", "3.1.3.8");
    }
}
