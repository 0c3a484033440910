package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 9068 4 (relaxed on typ), with discovery of the provider's keys and the verified-token cache. */
class AccessTokenValidationTest {

    private static final String AUDIENCE = "api://orders";

    private final FakeProvider fake;
    private final AtomicLong nanos = new AtomicLong();
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(TestSupport.NOW);
    private final Map<String, Object> claims = new LinkedHashMap<>();

    AccessTokenValidationTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1, TestSupport.EC_1);
        claims.put("iss", fake.issuer);
        claims.put("sub", "user-42");
        claims.put("aud", AUDIENCE);
        claims.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("client_id", TestSupport.CLIENT_ID);
        claims.put("scope", "orders:read");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private AccessTokenSettings settings(Set<String> algorithms) {
        return new AccessTokenSettings(URI.create(fake.issuer), null, Set.of(AUDIENCE, "api://other"), null, null,
                TestSupport.SKEW, algorithms);
    }

    private AccessTokenValidator validator() {
        return validator(settings(null));
    }

    private AccessTokenValidator validator(AccessTokenSettings settings) {
        return new AccessTokenValidator(settings, clock, TestSupport.tuning(nanos), 100);
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1");
    }

    private String token(JWSHeader header) {
        return TestSupport.sign(header, claims, TestSupport.signer(TestSupport.RSA_1));
    }

    private String token() {
        return token(rs256().build());
    }

    private static void assertRejected(AccessTokenValidator validator, String token, String expected) {
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> validator.validateAccessToken(token));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(token), "messages never quote the token");
    }

    private void assertRejected(String token, String expected) {
        assertRejected(validator(), token, expected);
    }

    // ---- accepted tokens

    @Test
    void validRs256TokenIsAcceptedWithPlainJavaClaims() throws Exception {
        claims.put("roles", List.of("buyer"));
        String token = token();
        ValidatedAccessToken validated = validator().validateAccessToken(token);

        assertEquals("user-42", validated.subject());
        assertEquals(fake.issuer, validated.issuer());
        assertEquals(List.of(AUDIENCE), validated.audiences());
        assertEquals(TestSupport.NOW.plusSeconds(300), validated.expiresAt());
        assertEquals("orders:read", validated.claims().get("scope"));
        assertEquals(List.of("buyer"), validated.claims().get("roles"));
        assertInstanceOf(Long.class, validated.claims().get("exp"));
        assertThrows(UnsupportedOperationException.class, () -> validated.claims().put("x", "y"));
        assertFalse(validated.toString().contains(token));
        assertFalse(validated.toString().contains("orders:read"), "claim values stay out of toString");
    }

    @Test
    void validEs256TokenIsAcceptedWhenConfigured() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertEquals("user-42", validator(settings(Set.of("RS256", "ES256"))).validateAccessToken(token).subject());
    }

    @Test
    void es256ByAPublishedKeyIsRejectedByDefault() throws Exception {
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims,
                new ECDSASigner(TestSupport.EC_1));
        assertRejected(token, "RFC 9068 4 step 5: access token alg ES256 is not allowed");
    }

    @Test
    void rfc9068TypIsAccepted() throws Exception {
        assertEquals("user-42", validator().validateAccessToken(token(rs256().type(new JOSEObjectType("at+jwt")).build()))
                .subject());
        assertEquals("user-42", validator().validateAccessToken(
                token(rs256().type(new JOSEObjectType("application/AT+JWT")).build())).subject());
    }

    @Test
    void plainJwtTypIsAcceptedAsPassageUsesIt() throws Exception {
        assertEquals("user-42", validator().validateAccessToken(token(rs256().type(JOSEObjectType.JWT).build()))
                .subject());
    }

    @Test
    void oneAcceptedAudienceAmongOthersIsEnough() throws Exception {
        claims.put("aud", List.of("api://unknown", "api://other"));
        assertEquals(List.of("api://unknown", "api://other"), validator().validateAccessToken(token()).audiences());
    }

    @Test
    void tokenWithoutIatAndNbfIsAccepted() throws Exception {
        claims.remove("iat");
        assertEquals("user-42", validator().validateAccessToken(token()).subject());
    }

    @Test
    void expiryWithinClockSkewIsAccepted() throws Exception {
        claims.put("exp", TestSupport.NOW.minusSeconds(10).getEpochSecond());
        assertEquals("user-42", validator().validateAccessToken(token()).subject());
    }

    @Test
    void nbfAndIatWithinClockSkewAreAccepted() throws Exception {
        claims.put("nbf", TestSupport.NOW.plusSeconds(10).getEpochSecond());
        claims.put("iat", TestSupport.NOW.plusSeconds(10).getEpochSecond());
        assertEquals("user-42", validator().validateAccessToken(token()).subject());
    }

    // ---- form and header (RFC 9068 4 steps 1, 2, 5)

    @Test
    void hostileShapesAreRejectedBeforeAnyParser() throws Exception {
        // the message names the one-pass shape check (RFC 7515 7.1): no decoder or JSON parser saw these
        String shape = "RFC 9068 2: access token is not a well-formed JWT: it ";
        assertRejected("/".repeat(16 * 1024), shape);
        assertRejected(".".repeat(16 * 1024), shape);
        assertRejected(token() + ".x", shape);
        String header = token().substring(0, token().indexOf('.'));
        assertRejected(header + "." + "/".repeat(12_000) + "x.c2ln", shape);
        assertRejected("e".repeat(UnverifiedJwt.MAX_HEADER_LENGTH + 1) + ".e30.c2ln", shape);
        assertEquals(0, fake.hits("/jwks"), "nothing was fetched for them");
    }

    // ---- other kinds of token the issuer signs (RFC 8725 3.11, 3.12)

    /** As the default bearer settings: the client id is an accepted audience, and known as the ID tokens' audience. */
    private AccessTokenValidator clientAudienceValidator() {
        return validator(new AccessTokenSettings(URI.create(fake.issuer), null, Set.of(TestSupport.CLIENT_ID, AUDIENCE),
                null, null, TestSupport.SKEW, null, TestSupport.CLIENT_ID));
    }

    /** The claims of an ID token for the client (OIDC Core 2), as a sign-in receives it. */
    private Map<String, Object> idTokenClaims() {
        Map<String, Object> id = new LinkedHashMap<>(claims);
        id.remove("scope");
        id.remove("client_id");
        id.put("aud", TestSupport.CLIENT_ID);
        id.put("nonce", TestSupport.NONCE);
        id.put("auth_time", TestSupport.NOW.minusSeconds(60).getEpochSecond());
        id.put("at_hash", "x0Hc4z6Ob4WM0BK3YmYPNg");
        return id;
    }

    private String signed(JWSHeader header, Map<String, Object> payload) {
        return TestSupport.sign(header, payload, TestSupport.signer(TestSupport.RSA_1));
    }

    @Test
    void anIdTokenIsNoBearerToken() throws Exception {
        Map<String, Object> id = idTokenClaims();
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "RFC 8725 3.11: the token carries at_hash");
        assertRejected(clientAudienceValidator(), signed(rs256().type(JOSEObjectType.JWT).build(), id),
                "RFC 8725 3.11: the token carries at_hash");
        id.remove("at_hash");
        id.put("c_hash", "x0Hc4z6Ob4WM0BK3YmYPNg");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "RFC 8725 3.11: the token carries c_hash");
        id.remove("c_hash");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "nonce without scope");
        id.remove("nonce");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "auth_time without scope or client_id");
        id.remove("auth_time");
        // a refreshed ID token may carry none of them: its only audience, the client id, still gives it away
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "audience contains the client id");
        id.put("aud", List.of(TestSupport.CLIENT_ID));
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "audience contains the client id");
        // OIDC Core 2: with a second audience (and azp the client) an ID token still names the client id
        id.put("aud", List.of(TestSupport.CLIENT_ID, "another-api"));
        id.put("azp", TestSupport.CLIENT_ID);
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "audience contains the client id");
        // Keycloak says so in the payload
        id.put("scope", "openid");
        id.put("typ", "ID");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "payload says typ ID");
    }

    @Test
    void anEntraAccessTokenForTheAppsOwnApiIsScopedByScp() throws Exception {
        // Microsoft Entra ID v2: aud the app's client id, the delegated scopes in scp, typ JWT
        Map<String, Object> entra = new LinkedHashMap<>();
        entra.put("iss", fake.issuer);
        entra.put("aud", TestSupport.CLIENT_ID);
        entra.put("sub", "entra-user");
        entra.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        entra.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        entra.put("azp", "calling-client");
        entra.put("scp", "access_as_user");
        entra.put("ver", "2.0");
        assertEquals("entra-user", clientAudienceValidator().validateAccessToken(
                signed(rs256().type(JOSEObjectType.JWT).build(), entra)).subject());
        entra.remove("scp");
        assertRejected(clientAudienceValidator(), signed(rs256().type(JOSEObjectType.JWT).build(), entra),
                "audience contains the client id");
    }

    @Test
    void anIdTokenWithAnExtraAccessTokenClaimIsStillRefused() throws Exception {
        Map<String, Object> id = idTokenClaims();
        id.put("client_id", TestSupport.CLIENT_ID);
        // the local provider's ID tokens carry client_id; at_hash, and without it nonce, still mark them
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "at_hash");
        id.remove("at_hash");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "nonce without scope");
        id.remove("nonce");
        assertRejected(clientAudienceValidator(), signed(rs256().build(), id), "audience contains the client id");
    }

    @Test
    void aLogoutTokenIsNoBearerTokenWhateverItsType() throws Exception {
        Map<String, Object> logout = new LinkedHashMap<>(claims);
        logout.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        logout.put("sid", "session-7");
        assertRejected(signed(rs256().build(), logout), "RFC 8725 3.12: the token carries events");
        assertRejected(signed(rs256().type(new JOSEObjectType("at+jwt")).build(), logout), "carries events");
        assertRejected(signed(rs256().type(new JOSEObjectType("logout+jwt")).build(), logout), "RFC 9068 4 step 1");
    }

    @Test
    void anExplicitlyTypedAccessTokenMayCarryIdTokenLikeClaims() throws Exception {
        Map<String, Object> typed = idTokenClaims();
        assertEquals("user-42", clientAudienceValidator().validateAccessToken(
                signed(rs256().type(new JOSEObjectType("at+jwt")).build(), typed)).subject());
    }

    @Test
    void anRfc9068AccessTokenForTheClientIsAccepted() throws Exception {
        // the local provider's and Passage's access tokens: aud the client id, with client_id and scope
        claims.put("aud", TestSupport.CLIENT_ID);
        assertEquals("user-42", clientAudienceValidator().validateAccessToken(signed(rs256().build(), claims)).subject());
    }

    @Test
    void aKeycloakAccessTokenIsAccepted() throws Exception {
        // typ JWT, aud its own values, azp the client, scope present; before Keycloak 25 the nonce was copied in
        Map<String, Object> keycloak = new LinkedHashMap<>();
        keycloak.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        keycloak.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        keycloak.put("auth_time", TestSupport.NOW.minusSeconds(60).getEpochSecond());
        keycloak.put("jti", "onrtac:8e4c3f0a");
        keycloak.put("iss", fake.issuer);
        keycloak.put("aud", List.of(AUDIENCE, "account"));
        keycloak.put("sub", "user-42");
        keycloak.put("typ", "Bearer");
        keycloak.put("azp", TestSupport.CLIENT_ID);
        keycloak.put("nonce", TestSupport.NONCE);
        keycloak.put("sid", "5e6f");
        keycloak.put("acr", "1");
        keycloak.put("realm_access", Map.of("roles", List.of("offline_access")));
        keycloak.put("scope", "openid email profile");
        keycloak.put("email_verified", true);
        String token = signed(rs256().type(JOSEObjectType.JWT).build(), keycloak);
        assertEquals("user-42", clientAudienceValidator().validateAccessToken(token).subject());
        keycloak.put("aud", "account");
        AccessTokenValidator accountAudience = validator(new AccessTokenSettings(URI.create(fake.issuer), null,
                Set.of(TestSupport.CLIENT_ID, "account"), null, null, TestSupport.SKEW, null, TestSupport.CLIENT_ID));
        assertEquals("user-42", accountAudience.validateAccessToken(
                signed(rs256().type(JOSEObjectType.JWT).build(), keycloak)).subject());
    }

    @Test
    void malformedTokenIsRejected() throws Exception {
        assertRejected("not-a-jwt", "RFC 9068 2: access token is not a well-formed JWT");
    }

    @Test
    void unsignedTokenIsRejected() throws Exception {
        assertRejected(new PlainObject(new Payload(claims)).serialize(), "RFC 9068 4 step 5: access token is unsigned");
    }

    @Test
    void encryptedTokenIsRejected() throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), new Payload(claims));
        jwe.encrypt(new RSAEncrypter(TestSupport.RSA_1));
        assertRejected(jwe.serialize(), "RFC 9068 4 step 2");
    }

    @Test
    void payloadThatIsNotJsonIsRejected() throws Exception {
        JWSObject jws = new JWSObject(rs256().build(), new Payload("not json"));
        jws.sign(TestSupport.signer(TestSupport.RSA_1));
        assertRejected(jws.serialize(), "RFC 9068 2: access token payload is not a JSON object");
    }

    @Test
    void logoutTokenTypIsRejected() throws Exception {
        assertRejected(token(rs256().type(new JOSEObjectType("logout+jwt")).build()), "RFC 9068 4 step 1");
    }

    @Test
    void otherExplicitTypIsRejected() throws Exception {
        assertRejected(token(rs256().type(new JOSEObjectType("application/secevent+jwt")).build()), "RFC 9068 4 step 1");
    }

    @Test
    void headerJwkIsRejected() throws Exception {
        assertRejected(TestSupport.sign(rs256().jwk(TestSupport.RSA_2.toPublicJWK()).build(), claims,
                TestSupport.signer(TestSupport.RSA_2)), "RFC 9068 4 step 5: access token header carries jwk");
    }

    @Test
    void headerJkuIsRejected() throws Exception {
        assertRejected(token(rs256().jwkURL(URI.create(fake.issuer + "/jwks")).build()), "header carries jku");
    }

    @Test
    void headerX5uIsRejected() throws Exception {
        assertRejected(token(rs256().x509CertURL(URI.create(fake.issuer + "/cert")).build()), "header carries x5u");
    }

    @Test
    void headerX5cIsRejected() throws Exception {
        assertRejected(token(rs256().x509CertChain(List.of(Base64.encode("not a cert"))).build()), "header carries x5c");
    }

    @Test
    void criticalHeaderParameterIsRejected() throws Exception {
        assertRejected(token(rs256().customParam("ext", "x").criticalParams(Set.of("ext")).build()), "RFC 7515 4.1.11");
    }

    @Test
    void algNotAllowedBySettingsIsRejected() throws Exception {
        assertRejected(validator(settings(Set.of("ES256"))), token(),
                "RFC 9068 4 step 5: access token alg RS256 is not allowed by the settings");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRejected() throws Exception {
        byte[] publicKey = TestSupport.RSA_1.toRSAPublicKey().getEncoded();
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims,
                new MACSigner(publicKey));
        assertRejected(token, "RFC 9068 4 step 5: access token alg HS256 is not allowed");
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        assertRejected(TestSupport.sign(rs256().build(), claims, TestSupport.signer(TestSupport.RSA_2)),
                "RFC 9068 4 step 5: access token signature is invalid");
    }

    @Test
    void tamperedPayloadIsRejected() throws Exception {
        String[] parts = token().split("\\.");
        claims.put("sub", "admin");
        assertRejected(parts[0] + "." + new Payload(claims).toBase64URL() + "." + parts[2], "RFC 9068 4 step 5");
    }

    @Test
    void unknownKidIsRejected() throws Exception {
        assertRejected(TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build(), claims,
                TestSupport.signer(TestSupport.RSA_1)), "RFC 9068 4 step 5: jwks_uri has no RSA key");
    }

    // ---- claims (RFC 9068 4 steps 3, 4, 6; RFC 7519 4.1.5, 4.1.6; RFC 9068 2.2)

    @Test
    void issuerMismatchIsRejected() throws Exception {
        claims.put("iss", fake.issuer + "/");
        assertRejected(token(), "RFC 9068 4 step 3");
    }

    @Test
    void audienceNotAcceptedIsRejected() throws Exception {
        claims.put("aud", List.of("api://billing", TestSupport.CLIENT_ID));
        assertRejected(token(), "RFC 9068 4 step 4: aud contains none of the accepted audiences");
    }

    @Test
    void missingAudienceIsRejected() throws Exception {
        claims.remove("aud");
        assertRejected(token(), "RFC 9068 4 step 4: aud is missing");
    }

    @Test
    void missingExpIsRejected() throws Exception {
        claims.remove("exp");
        assertRejected(token(), "RFC 9068 4 step 6: exp is missing");
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        claims.put("exp", TestSupport.NOW.minus(TestSupport.SKEW).minusSeconds(1).getEpochSecond());
        assertRejected(token(), "RFC 9068 4 step 6: access token has expired");
    }

    @Test
    void nbfInTheFutureIsRejected() throws Exception {
        claims.put("nbf", TestSupport.NOW.plus(TestSupport.SKEW).plusSeconds(1).getEpochSecond());
        assertRejected(token(), "RFC 7519 4.1.5");
    }

    @Test
    void iatInTheFutureIsRejected() throws Exception {
        claims.put("iat", TestSupport.NOW.plus(TestSupport.SKEW).plusSeconds(1).getEpochSecond());
        assertRejected(token(), "RFC 7519 4.1.6");
    }

    @Test
    void iatThatIsNotANumberIsRejected() throws Exception {
        claims.put("iat", "now");
        assertRejected(token(), "RFC 7519 4.1.6: iat is missing or not a number");
    }

    @Test
    void missingSubIsRejected() throws Exception {
        claims.remove("sub");
        assertRejected(token(), "RFC 9068 2.2: sub");
    }

    // ---- keys: discovery, rotation, rate limit, outages

    @Test
    void keysComeFromTheDiscoveredJwksUri() throws Exception {
        fake.discoveryDocument.put("jwks_uri", fake.issuer + "/other-jwks");
        fake.serveJwksAt("/other-jwks");
        validator().validateAccessToken(token());
        assertEquals(1, fake.hits("/other-jwks"));
        assertEquals(0, fake.hits("/jwks"));
    }

    @Test
    void keyRotationIsPickedUpByOneRefetch() throws Exception {
        AccessTokenValidator validator = validator();
        validator.validateAccessToken(token());
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        String rotated = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), claims,
                TestSupport.signer(TestSupport.RSA_2));

        assertEquals("user-42", validator.validateAccessToken(rotated).subject());
        assertEquals(2, fake.hits("/jwks"));
    }

    @Test
    void unknownKidStormCausesAtMostOneFetchPerWindow() throws Exception {
        AccessTokenValidator validator = validator();
        validator.validateAccessToken(token());
        String forged = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("made-up").build(), claims,
                TestSupport.signer(TestSupport.RSA_2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                attempts.add(pool.submit(() -> assertThrows(ProviderRejectedException.class,
                        () -> validator.validateAccessToken(forged))));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, fake.hits("/jwks"), "the first fetch plus one refetch");

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThrows(ProviderRejectedException.class, () -> validator.validateAccessToken(forged));
        assertEquals(3, fake.hits("/jwks"), "one more refetch once the window has passed");
    }

    @Test
    void jwksEndpointDownMeansUnavailable() throws Exception {
        fake.on("/jwks", FakeProvider.json(503, "{}"));
        assertThrows(ProviderUnavailableException.class, () -> validator().validateAccessToken(token()));
    }

    @Test
    void discoveryDownMeansUnavailable() throws Exception {
        fake.on("/.well-known/openid-configuration", FakeProvider.json(500, "{}"));
        assertThrows(ProviderUnavailableException.class, () -> validator().validateAccessToken(token()));
    }

    // ---- the verified-token cache

    @Test
    void repeatedTokenIsServedFromTheCache() throws Exception {
        AccessTokenValidator validator = validator();
        String token = token();
        ValidatedAccessToken first = validator.validateAccessToken(token);
        // were the token checked again, the key set would have to be fetched again, and that now fails
        nanos.addAndGet(Duration.ofHours(2).toNanos());
        fake.on("/jwks", FakeProvider.json(503, "{}"));

        assertSame(first, validator.validateAccessToken(token));
        assertEquals(1, fake.hits("/jwks"));
    }

    @Test
    void cachedTokenIsNotServedOnceExpired() throws Exception {
        AccessTokenValidator validator = validator();
        String token = token();
        validator.validateAccessToken(token);
        clock.advance(Duration.ofSeconds(300).plus(TestSupport.SKEW));

        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> validator.validateAccessToken(token));
        assertTrue(e.getMessage().contains("RFC 9068 4 step 6"), e.getMessage());
    }

    @Test
    void longLivedCachedTokenIsCheckedAgainAfterAnHourAgainstTheCurrentKeys() throws Exception {
        claims.put("exp", TestSupport.NOW.plus(Duration.ofHours(3)).getEpochSecond());
        AccessTokenValidator validator = validator();
        String token = token();
        validator.validateAccessToken(token);
        // the issuer withdraws the key; the key set is refreshed after its maximum age
        fake.publish(TestSupport.RSA_2);
        clock.advance(Duration.ofMinutes(61));
        nanos.addAndGet(Duration.ofMinutes(61).toNanos());

        assertRejected(validator, token, "RFC 9068 4 step 5");
    }

    @Test
    void rejectedTokenIsNotCached() throws Exception {
        AccessTokenValidator validator = validator();
        String token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), claims,
                TestSupport.signer(TestSupport.RSA_2));
        assertRejected(validator, token, "jwks_uri has no RSA key");
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals("user-42", validator.validateAccessToken(token).subject());
    }

    // ---- two issuers side by side

    @Test
    void providerAndPassageValidatorsShareNothing() throws Exception {
        try (FakeProvider passage = new FakeProvider()) {
            RSAKey passageKey = TestSupport.RSA_2;
            passage.publish(passageKey);
            String appIssuer = passage.issuer + "/v1/apps/app-1";
            passage.serveJwksAt("/v1/apps/app-1/.well-known/jwks.json");
            AccessTokenValidator passageValidator = validator(new AccessTokenSettings(URI.create(appIssuer),
                    URI.create(appIssuer + "/.well-known/jwks.json"), Set.of("app-1"), null, null, TestSupport.SKEW,
                    null));
            AccessTokenValidator providerValidator = validator();

            Map<String, Object> passageClaims = new LinkedHashMap<>(claims);
            passageClaims.put("iss", appIssuer);
            passageClaims.put("aud", List.of("app-1"));
            String passageToken = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2")
                    .type(JOSEObjectType.JWT).build(), passageClaims, TestSupport.signer(passageKey));
            String providerToken = token();

            assertEquals(appIssuer, passageValidator.validateAccessToken(passageToken).issuer());
            assertEquals(fake.issuer, providerValidator.validateAccessToken(providerToken).issuer());
            assertRejected(providerValidator, passageToken, "RFC 9068 4 step 5");
            assertRejected(passageValidator, providerToken, "RFC 9068 4 step 5");
            assertEquals(0, passage.hits("/.well-known/openid-configuration"), "Passage keys need no discovery");
            assertEquals(0, fake.hits("/v1/apps/app-1/.well-known/jwks.json"));
        }
    }

    @Test
    void passageTokenSignedWithPassageKeysButForAnotherAppIsRejected() throws Exception {
        String appIssuer = fake.issuer + "/v1/apps/app-1";
        fake.serveJwksAt("/v1/apps/app-1/.well-known/jwks.json");
        AccessTokenValidator validator = validator(new AccessTokenSettings(URI.create(appIssuer),
                URI.create(appIssuer + "/.well-known/jwks.json"), Set.of("app-1"), null, null, TestSupport.SKEW, null));
        claims.put("iss", fake.issuer + "/v1/apps/app-2");
        claims.put("aud", List.of("app-1"));
        assertRejected(validator, token(), "RFC 9068 4 step 3");
        claims.put("iss", appIssuer);
        claims.put("aud", List.of("app-2"));
        assertRejected(validator, token(), "RFC 9068 4 step 4");
        assertEquals(0, fake.hits("/.well-known/openid-configuration"));
    }
}
