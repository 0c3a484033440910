package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import com.nimbusds.jose.util.Base64;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenID Connect Back-Channel Logout 1.0 section 2.6. */
class LogoutTokenValidationTest {

    private static final JOSEObjectType LOGOUT_JWT = new JOSEObjectType("logout+jwt");

    private final FakeProvider fake;
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(TestSupport.NOW);
    private final OpenIdProvider provider;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    LogoutTokenValidationTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1, TestSupport.EC_1);
        provider = new OpenIdProvider(TestSupport.settings(fake.issuer), clock, TestSupport.tuning(new AtomicLong()));
        claims.put("iss", fake.issuer);
        claims.put("sub", "user-42");
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("exp", TestSupport.NOW.plusSeconds(120).getEpochSecond());
        claims.put("jti", "logout-1");
        claims.put("sid", "session-7");
        claims.put("events", Map.of(LogoutTokenClaimRules.BACKCHANNEL_LOGOUT_EVENT, Map.of()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(LOGOUT_JWT);
    }

    private String token(JWSHeader header) {
        return TestSupport.sign(header, claims, TestSupport.signer(TestSupport.RSA_1));
    }

    private String token() {
        return token(rs256().build());
    }

    private void assertRejected(OpenIdProvider provider, String token, String expected) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.validateLogoutToken(token));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private void assertRejected(String token, String expected) {
        assertRejected(provider, token, expected);
    }

    // ---- accepted tokens

    @Test
    void validLogoutTokenIsAccepted() throws Exception {
        LogoutToken logout = provider.validateLogoutToken(token());
        assertEquals(new LogoutToken(fake.issuer, "user-42", "session-7", "logout-1",
                TestSupport.NOW.minusSeconds(5), TestSupport.NOW.plusSeconds(120)), logout);
    }

    @Test
    void validEs256LogoutTokenIsAcceptedWhenTheClientIsRegisteredForEs256() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").type(LOGOUT_JWT).build(),
                claims, new ECDSASigner(TestSupport.EC_1));
        OpenIdProvider es256 = new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("ES256")), clock,
                TestSupport.tuning(new AtomicLong()));
        assertEquals("session-7", es256.validateLogoutToken(token).sessionId());
    }

    @Test
    void es256ByAPublishedKeyIsRejectedWhenTheClientIsRegisteredForRs256() throws Exception {
        // OpenID conformance oidcc-client-test-rp-backchannel-rpinitlogout-wrong-alg: a valid signature by a key the
        // provider publishes, but not the algorithm the client registered (RS256, the default)
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").type(LOGOUT_JWT).build(),
                claims, new ECDSASigner(TestSupport.EC_1));
        assertRejected(token, "Back-Channel Logout 2.6 step 3: logout token alg ES256 is not allowed");
    }

    @Test
    void logoutTokenWithoutTypIsAccepted() throws Exception {
        assertEquals("logout-1", provider.validateLogoutToken(
                token(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build())).jwtId());
    }

    @Test
    void applicationLogoutJwtTypIsAccepted() throws Exception {
        assertEquals("logout-1", provider.validateLogoutToken(
                token(rs256().type(new JOSEObjectType("application/logout+jwt")).build())).jwtId());
    }

    @Test
    void subjectAloneIsEnough() throws Exception {
        claims.remove("sid");
        LogoutToken logout = provider.validateLogoutToken(token());
        assertEquals("user-42", logout.subject());
        assertNull(logout.sessionId());
    }

    @Test
    void sessionAloneIsEnough() throws Exception {
        claims.remove("sub");
        LogoutToken logout = provider.validateLogoutToken(token());
        assertNull(logout.subject());
        assertEquals("session-7", logout.sessionId());
    }

    @Test
    void hmacKeyedWithTheClientSecretIsAcceptedWhenAllowed() throws Exception {
        fake.discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        OpenIdProvider hmac = new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("RS256", "HS256")), clock,
                TestSupport.tuning(new AtomicLong()));
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(LOGOUT_JWT).build(), claims,
                new MACSigner(TestSupport.CLIENT_SECRET));
        assertEquals("logout-1", hmac.validateLogoutToken(token).jwtId());
    }

    // ---- form, header, algorithm, signature (steps 1 to 3)

    @Test
    void malformedTokenIsRejected() throws Exception {
        assertRejected("a.b", "Back-Channel Logout 2.4: logout token is not a well-formed JWT");
    }

    @Test
    void hostileLogoutTokenFormFieldsAreRejectedBeforeAnyParser() throws Exception {
        String shape = "Back-Channel Logout 2.4: logout token is not a well-formed JWT: it ";
        assertRejected("/".repeat(16 * 1024), shape);
        assertRejected("a.b.c.d", shape);
        assertRejected(token(rs256().build()) + " ", shape);
    }

    @Test
    void unsignedTokenIsRejected() throws Exception {
        assertRejected(new PlainObject(new Payload(claims)).serialize(), "Back-Channel Logout 2.6 step 3: logout token is unsigned");
    }

    @Test
    void encryptedTokenIsRejected() throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), new Payload(claims));
        jwe.encrypt(new RSAEncrypter(TestSupport.RSA_1));
        assertRejected(jwe.serialize(), "Back-Channel Logout 2.6 step 1");
    }

    @Test
    void typJwtIsRejected() throws Exception {
        assertRejected(token(rs256().type(JOSEObjectType.JWT).build()), "Back-Channel Logout 4.1: logout token has typ JWT");
    }

    @Test
    void accessTokenTypIsRejected() throws Exception {
        assertRejected(token(rs256().type(new JOSEObjectType("at+jwt")).build()), "Back-Channel Logout 4.1");
    }

    @Test
    void headerJwkIsRejected() throws Exception {
        assertRejected(TestSupport.sign(rs256().jwk(TestSupport.RSA_2.toPublicJWK()).build(), claims,
                TestSupport.signer(TestSupport.RSA_2)), "Back-Channel Logout 2.6 step 2: logout token header carries jwk");
    }

    @Test
    void headerJkuIsRejected() throws Exception {
        assertRejected(token(rs256().jwkURL(URI.create(fake.issuer + "/jwks")).build()), "header carries jku");
    }

    @Test
    void headerX5uIsRejected() throws Exception {
        assertRejected(token(rs256().x509CertURL(URI.create(fake.issuer + "/c")).build()), "header carries x5u");
    }

    @Test
    void headerX5cIsRejected() throws Exception {
        assertRejected(token(rs256().x509CertChain(List.of(Base64.encode("x"))).build()), "header carries x5c");
    }

    @Test
    void criticalHeaderParameterIsRejected() throws Exception {
        assertRejected(token(rs256().customParam("ext", "x").criticalParams(Set.of("ext")).build()), "RFC 7515 4.1.11");
    }

    @Test
    void algNotListedByTheProviderIsRejected() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").type(LOGOUT_JWT).build(),
                claims, TestSupport.signer(TestSupport.RSA_1));
        assertRejected(token, "Back-Channel Logout 2.6 step 3: logout token alg RS512 is not allowed");
    }

    @Test
    void algNotAllowedBySettingsIsRejected() throws Exception {
        OpenIdProvider esOnly = new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("ES256")), clock,
                TestSupport.tuning(new AtomicLong()));
        assertRejected(esOnly, token(), "Back-Channel Logout 2.6 step 3");
    }

    @Test
    void hmacIsRejectedUnlessAllowed() throws Exception {
        fake.discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(LOGOUT_JWT).build(), claims,
                new MACSigner(TestSupport.CLIENT_SECRET));
        assertRejected(token, "Back-Channel Logout 2.6 step 3: logout token alg HS256 is not allowed");
    }

    @Test
    void hmacSignedWithThePublicKeyFailsEvenWhenAllowed() throws Exception {
        fake.discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        OpenIdProvider hmac = new OpenIdProvider(TestSupport.settings(fake.issuer, Set.of("RS256", "HS256")), clock,
                TestSupport.tuning(new AtomicLong()));
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(LOGOUT_JWT).build(), claims,
                new MACSigner(TestSupport.RSA_1.toRSAPublicKey().getEncoded()));
        assertRejected(hmac, token, "Back-Channel Logout 2.6 step 2: logout token HMAC signature is invalid");
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        assertRejected(TestSupport.sign(rs256().build(), claims, TestSupport.signer(TestSupport.RSA_2)),
                "Back-Channel Logout 2.6 step 2: logout token signature is invalid");
    }

    @Test
    void jwksDownMeansUnavailable() throws Exception {
        fake.on("/jwks", FakeProvider.json(500, "{}"));
        assertThrows(ProviderUnavailableException.class, () -> provider.validateLogoutToken(token()));
    }

    // ---- claims (steps 4 to 7, section 2.4)

    @Test
    void issuerMismatchIsRejected() throws Exception {
        claims.put("iss", fake.issuer + "/");
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: iss");
    }

    @Test
    void audienceWithoutClientIdIsRejected() throws Exception {
        claims.put("aud", List.of("another-client"));
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: aud does not contain the client id");
    }

    @Test
    void missingAudienceIsRejected() throws Exception {
        claims.remove("aud");
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: aud is missing");
    }

    @Test
    void missingIatIsRejected() throws Exception {
        claims.remove("iat");
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: iat is missing");
    }

    @Test
    void iatInTheFutureIsRejected() throws Exception {
        claims.put("iat", TestSupport.NOW.plus(TestSupport.SKEW).plusSeconds(1).getEpochSecond());
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: iat is in the future");
    }

    @Test
    void iatTooFarInThePastIsRejected() throws Exception {
        Instant old = TestSupport.NOW.minus(IdTokenClaimRules.MAX_TOKEN_AGE).minus(TestSupport.SKEW).minusSeconds(1);
        claims.put("iat", old.getEpochSecond());
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: iat is too far in the past");
    }

    @Test
    void missingExpIsRejected() throws Exception {
        claims.remove("exp");
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: exp is missing");
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        claims.put("exp", TestSupport.NOW.minus(TestSupport.SKEW).minusSeconds(1).getEpochSecond());
        assertRejected(token(), "Back-Channel Logout 2.6 step 4: logout token has expired");
    }

    @Test
    void missingJtiIsRejected() throws Exception {
        claims.remove("jti");
        assertRejected(token(), "Back-Channel Logout 2.4: jti is missing");
    }

    @Test
    void neitherSubNorSidIsRejected() throws Exception {
        claims.remove("sub");
        claims.remove("sid");
        assertRejected(token(), "Back-Channel Logout 2.6 step 5");
    }

    @Test
    void sidThatIsNotAStringIsRejected() throws Exception {
        claims.put("sid", 7);
        assertRejected(token(), "Back-Channel Logout 2.6 step 5: sid");
    }

    @Test
    void missingEventsIsRejected() throws Exception {
        claims.remove("events");
        assertRejected(token(), "Back-Channel Logout 2.6 step 6");
    }

    @Test
    void eventsWithoutTheBackChannelLogoutMemberIsRejected() throws Exception {
        claims.put("events", Map.of("http://schemas.openid.net/event/other", Map.of()));
        assertRejected(token(), "Back-Channel Logout 2.6 step 6");
    }

    @Test
    void backChannelLogoutEventThatIsNotAnObjectIsRejected() throws Exception {
        claims.put("events", Map.of(LogoutTokenClaimRules.BACKCHANNEL_LOGOUT_EVENT, "yes"));
        assertRejected(token(), "Back-Channel Logout 2.6 step 6");
    }

    @Test
    void eventsThatIsNotAnObjectIsRejected() throws Exception {
        claims.put("events", List.of(LogoutTokenClaimRules.BACKCHANNEL_LOGOUT_EVENT));
        assertRejected(token(), "Back-Channel Logout 2.6 step 6");
    }

    @Test
    void nonceIsRejected() throws Exception {
        claims.put("nonce", TestSupport.NONCE);
        assertRejected(token(), "Back-Channel Logout 2.6 step 7");
    }

    // ---- replay (step 8)

    @Test
    void replayedTokenIsRejected() throws Exception {
        String token = token();
        provider.validateLogoutToken(token);
        assertRejected(token, "Back-Channel Logout 2.6 step 8");
    }

    @Test
    void anotherTokenWithTheSameJtiIsRejected() throws Exception {
        provider.validateLogoutToken(token());
        claims.put("sid", "session-8");
        assertRejected(token(), "Back-Channel Logout 2.6 step 8");
    }

    @Test
    void tokensWithDifferentJtiAreEachAcceptedOnce() throws Exception {
        provider.validateLogoutToken(token());
        claims.put("jti", "logout-2");
        assertEquals("logout-2", provider.validateLogoutToken(token()).jwtId());
    }

    @Test
    void rejectedTokenDoesNotUseUpItsJti() throws Exception {
        claims.put("nonce", "x");
        assertRejected(token(), "step 7");
        claims.remove("nonce");
        assertEquals("logout-1", provider.validateLogoutToken(token()).jwtId());
    }

    @Test
    void replayGuardForgetsTheJtiOnlyOnceTheTokenWouldBeRefusedAnyway() throws Exception {
        String token = token();
        provider.validateLogoutToken(token);
        clock.advance(Duration.ofSeconds(120));
        assertRejected(token, "step 8");
        clock.advance(TestSupport.SKEW);
        assertRejected(token, "step 4: logout token has expired");
    }

    @Test
    void aLogoutThatCouldNotBeRecordedLeavesItsJtiUnspentForTheRetry() throws Exception {
        String token = token();
        IllegalStateException cacheDown = new IllegalStateException("cache down");
        assertSame(cacheDown, assertThrows(IllegalStateException.class,
                () -> provider.validateLogoutToken(token, valid -> { throw cacheDown; })));
        List<LogoutToken> recorded = new ArrayList<>();
        assertEquals("logout-1", provider.validateLogoutToken(token, recorded::add).jwtId(),
                "the provider's retry is accepted");
        assertEquals(1, recorded.size());
        ProviderRejectedException replay = assertThrows(ProviderRejectedException.class,
                () -> provider.validateLogoutToken(token, recorded::add));
        assertTrue(replay.getMessage().contains("step 8"), replay.getMessage());
    }

    @Test
    void onlyATokenPassingStepsOneToSevenIsRecorded() throws Exception {
        List<LogoutToken> recorded = new ArrayList<>();
        claims.put("nonce", "x");
        String token = token();
        assertThrows(ProviderRejectedException.class, () -> provider.validateLogoutToken(token, recorded::add));
        assertEquals(List.of(), recorded);
    }

    @Test
    void theReplayGuardIsPluggable() throws Exception {
        Map<String, Instant> recorded = new LinkedHashMap<>();
        ReplayGuard shared = (issuer, jwtId, forgetAfter) -> recorded.putIfAbsent(issuer + " " + jwtId, forgetAfter) == null;
        OpenIdProvider node1 = new OpenIdProvider(TestSupport.settings(fake.issuer), clock, shared);
        OpenIdProvider node2 = new OpenIdProvider(TestSupport.settings(fake.issuer), clock, shared);
        String token = token();

        node1.validateLogoutToken(token);
        assertRejected(node2, token, "step 8");
        // remembered until the token would be refused anyway: exp (2 minutes, sooner than iat + 10 minutes) + skew
        assertEquals(Map.of(fake.issuer + " logout-1", TestSupport.NOW.plusSeconds(120).plus(TestSupport.SKEW)), recorded);
    }
}
