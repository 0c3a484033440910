package io.github.passage4j.ee;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.ClientSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateless stores over a browser's cookie jar: the encrypted session cookie (chunked when large), the pending
 * sign-in cookies, and what a local logout leaves behind.
 */
class StatelessStoresTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String ISSUER = "https://example.withpassage.com";
    /** Cookies as over plain http: the names as given. */
    private static final CookieScope HTTP_SCOPE = new CookieScope(false, "/app");
    private static RSAKey signingKey;

    private final MutableClock clock = new MutableClock(T0);
    private final CookieBrowser browser = new CookieBrowser();

    /** The provider's key, made once for every test class that signs in a caller here. */
    private static synchronized RSAKey signingKey() throws Exception {
        if (signingKey == null) {
            signingKey = new RSAKeyGenerator(2048).keyID("passage-key-1").generate();
        }
        return signingKey;
    }

    static SessionSettings stateless(String keys) {
        return new SessionSettings(true, CookieKeys.parse(keys), "", Duration.ofHours(12));
    }

    static Definitions definitions(String issuer, SessionSettings session) throws Exception {
        return Definitions.of(List.of(settings(issuer, session, null)));
    }

    /** The unnamed definition of a Passage app, its end-session endpoint configured or (null) from discovery. */
    static PassageSettings settings(String issuer, SessionSettings session, URI endSessionEndpoint) {
        ClientSettings client = new ClientSettings(URI.create(issuer), "app-client-id", "secret",
                List.of("openid", "email"), null, null, null, null);
        return new PassageSettings("", client, "/passage/callback", true, "sub", "",
                "/passage/logout", "/", endSessionEndpoint, Duration.ofSeconds(10), true, null, Set.of("app-client-id"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout", session);
    }

    /** A sign-in as Passage makes it: RS256 ID and access tokens with Passage's claims, a refresh token. */
    static SignedInCaller passageCaller(Instant signedInAt) throws Exception {
        Map<String, Object> idClaims = new LinkedHashMap<>();
        idClaims.put("iss", ISSUER);
        idClaims.put("sub", "W3YzUAp5mbnnqGJOWZuHYIO5");
        idClaims.put("aud", List.of("app-client-id"));
        idClaims.put("azp", "app-client-id");
        idClaims.put("client_id", "app-client-id");
        idClaims.put("email", "alice.example@example.com");
        idClaims.put("email_verified", true);
        idClaims.put("phone", "+15555550100");
        idClaims.put("phone_number_verified", false);
        idClaims.put("auth_time", signedInAt.getEpochSecond());
        idClaims.put("iat", signedInAt.getEpochSecond());
        idClaims.put("exp", signedInAt.getEpochSecond() + 3600);
        idClaims.put("nonce", "kZ0pM7mQ3x9aB2cD4eF6gH8jK1lN5oP7");
        idClaims.put("sid", "b6f1c3a0-5d2e-4f7a-9c8b-1e2d3f4a5b6c");
        idClaims.put("at_hash", "x5Yq9Tz2Kd8Lw3Nv7Pr1Bg");
        String idToken = sign(idClaims);
        Map<String, Object> accessClaims = new LinkedHashMap<>(idClaims);
        accessClaims.remove("nonce");
        accessClaims.remove("at_hash");
        accessClaims.put("scope", "openid email phone");
        accessClaims.put("jti", "c0ffee00-1234-4abc-9def-0123456789ab");
        String accessToken = sign(accessClaims);
        PassageTokens tokens = new PassageTokens(idToken, accessToken, "rt_8Jk2Lm4Np6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2",
                signedInAt.plusSeconds(3600), signedInAt.plusSeconds(3600));
        // as the OpenID core has them: the token's payload, parsed
        Map<String, Object> validated = SignedJWT.parse(idToken).getPayload().toJSONObject();
        PassageProfile profile = new PassageProfile("W3YzUAp5mbnnqGJOWZuHYIO5", validated);
        return new SignedInCaller(profile, Set.of("member"), tokens, validated, signedInAt, "",
                "7Hh2kL9mN3pQ5rS8tU1vW4xY6zA0bC2d");
    }

    private static String sign(Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey().getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(signingKey()));
        return jwt.serialize();
    }

    private CookieCallerStore callerStore(Definitions definitions, Logouts logouts) {
        return callerStore(definitions, logouts, clock);
    }

    static CookieCallerStore callerStore(Definitions definitions, Logouts logouts, java.time.Clock clock) {
        SessionSettings session = definitions.session();
        return new CookieCallerStore(new SealedCookieCodec(session.cookieKeys(), clock), definitions, session,
                logouts);
    }

    @Test
    void theSessionCookieCarriesTheWholeCallerAndEachCookieStaysWithinTheBrowserLimit() throws Exception {
        Definitions definitions = definitions(ISSUER, stateless(SealedCookieCodecTest.newKey()));
        CookieCallerStore store = callerStore(definitions, new Logouts(new InMemoryEndedSessions(
                Duration.ofHours(12), clock), clock));
        SignedInCaller caller = passageCaller(T0);
        store.establish(browser.request(), browser.response(), caller);

        for (String header : browser.setCookies) {
            assertTrue(header.length() <= CookieChunks.MAX_COOKIE_BYTES, header.length() + " bytes");
            assertTrue(header.contains("; HttpOnly; SameSite=Lax; Secure"), header);
        }
        SignedInCaller loaded = store.load(browser.request()).orElseThrow();
        assertEquals(caller.profile(), loaded.profile());
        assertEquals(caller.profile().getClaims(), loaded.profile().getClaims());
        assertEquals(caller.groups(), loaded.groups());
        assertEquals(caller.tokens().getIdToken(), loaded.tokens().getIdToken());
        assertEquals(caller.tokens().getAccessToken(), loaded.tokens().getAccessToken());
        assertEquals(caller.tokens().getRefreshToken(), loaded.tokens().getRefreshToken());
        assertEquals(caller.tokens().getAccessTokenExpiresAt(), loaded.tokens().getAccessTokenExpiresAt());
        assertEquals(caller.tokens().getIdTokenExpiresAt(), loaded.tokens().getIdTokenExpiresAt());
        assertEquals(caller.idTokenClaims(), loaded.idTokenClaims());
        assertEquals(caller.sessionId(), loaded.sessionId());
        assertEquals(caller.signedInAt(), loaded.signedInAt());
        assertEquals(caller.sessionKey(), loaded.sessionKey());
        assertEquals(caller.definition(), loaded.definition());
    }

    @Test
    void aTamperedChunkOrAnotherKeyOrAnotherIssuerIsNoSession() throws Exception {
        String key = SealedCookieCodecTest.newKey();
        Definitions definitions = definitions(ISSUER, stateless(key));
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
        callerStore(definitions, logouts).establish(browser.request(), browser.response(), passageCaller(T0));
        Map<String, String> good = new LinkedHashMap<>(browser.jar);

        String first = browser.jar.keySet().iterator().next();
        String value = browser.jar.get(first);
        browser.jar.put(first, value.substring(0, 40) + (value.charAt(40) == 'a' ? 'b' : 'a') + value.substring(41));
        assertTrue(callerStore(definitions, logouts).load(browser.request()).isEmpty(), "tampered");

        browser.jar.clear();
        browser.jar.putAll(good);
        assertTrue(callerStore(definitions(ISSUER, stateless(SealedCookieCodecTest.newKey())), logouts)
                .load(browser.request()).isEmpty(), "another key");
        assertTrue(callerStore(definitions("https://other.withpassage.com", stateless(key)), logouts)
                .load(browser.request()).isEmpty(), "bound to the issuer");
        assertTrue(callerStore(definitions, logouts).load(browser.request()).isPresent(), "the untouched cookie");
    }

    @Test
    void theSessionCookieExpiresAtSessionMaxAge() throws Exception {
        Definitions definitions = definitions(ISSUER, stateless(SealedCookieCodecTest.newKey()));
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
        callerStore(definitions, logouts).establish(browser.request(), browser.response(), passageCaller(T0));
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertTrue(callerStore(definitions, logouts).load(browser.request()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(callerStore(definitions, logouts).load(browser.request()).isEmpty());
    }

    @Test
    void aLocalLogoutDeletesTheCookiesAndEndsEveryCopyOfThem() throws Exception {
        Definitions definitions = definitions(ISSUER, stateless(SealedCookieCodecTest.newKey()));
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
        CookieCallerStore store = callerStore(definitions, logouts);
        store.establish(browser.request(), browser.response(), passageCaller(T0));
        Map<String, String> copy = new LinkedHashMap<>(browser.jar);
        clock.advance(Duration.ofMinutes(1));

        store.clear(browser.request(), browser.response());
        assertTrue(browser.jar.isEmpty(), "every chunk deleted: " + browser.jar.keySet());
        browser.jar.putAll(copy);
        SignedInCaller replayed = store.load(browser.request()).orElseThrow();
        assertTrue(logouts.isEnded(replayed), "a copy of the cookie is a session that ended");
    }

    @Test
    void aLocalLogoutWhileTheSharedListIsUnreachableStillDeletesTheCookies() throws Exception {
        Definitions definitions = definitions(ISSUER, stateless(SealedCookieCodecTest.newKey()));
        CookieCallerStore store = callerStore(definitions, new Logouts(EndedSessionsTest.unreachable(clock), clock));
        store.establish(browser.request(), browser.response(), passageCaller(T0));
        assertFalse(browser.jar.isEmpty());

        HttpServletRequest logout = browser.request();
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class,
                () -> store.clear(logout, browser.response()),
                "the outage is still reported (503), so the user learns the sign-out is not yet everywhere");
        assertTrue(browser.jar.isEmpty(), "signed out in this browser whatever the shared list: "
                + browser.jar.keySet());
        assertTrue(store.load(logout).isEmpty());
    }

    @Test
    void chunksAreJoinedAndStaleChunksOfALongerValueAreDeleted() {
        String longValue = "a".repeat(3 * CookieChunks.MAX_COOKIE_BYTES);
        CookieChunks.write(browser.request(), browser.response(), HTTP_SCOPE, "big", longValue, null);
        assertEquals(Set.of("big_1", "big_2", "big_3", "big_4"), browser.jar.keySet());
        assertEquals(longValue, CookieChunks.read(browser.request(), "big").orElseThrow());
        for (String header : browser.setCookies) {
            assertTrue(header.length() <= CookieChunks.MAX_COOKIE_BYTES, header.length() + " bytes");
        }

        CookieChunks.write(browser.request(), browser.response(), HTTP_SCOPE, "big", "short", null);
        assertEquals(Set.of("big"), browser.jar.keySet());
        assertEquals("short", CookieChunks.read(browser.request(), "big").orElseThrow());

        CookieChunks.write(browser.request(), browser.response(), HTTP_SCOPE, "big", "b".repeat(5000), null);
        assertEquals(Set.of("big_1", "big_2"), browser.jar.keySet(), "the plain cookie is deleted too");

        assertThrows(IllegalArgumentException.class, () -> CookieChunks.write(browser.request(), browser.response(),
                HTTP_SCOPE, "big", "c".repeat(CookieChunks.MAX_CHUNKS * CookieChunks.MAX_COOKIE_BYTES), null));
    }

    @Test
    void aPendingSignInIsConsumedOnceByItsStateOnly() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        SignInState attempt = new SignInState("state-1", "nonce-1", "verifier-1", "/app/page?x=1", ISSUER, "",
                "https://app.example/app/passage/callback", T0);
        store.save(browser.request(), browser.response(), attempt);
        assertTrue(browser.setCookies.get(0).contains("Max-Age=600"), browser.setCookies.get(0));
        assertFalse(browser.setCookies.get(0).contains("state-1"), "the cookie name does not repeat the state");

        assertTrue(store.consume(browser.request(), browser.response(), "state-2").isEmpty());
        SignInState consumed = store.consume(browser.request(), browser.response(), "state-1").orElseThrow();
        assertEquals(attempt, consumed);
        assertTrue(browser.jar.isEmpty(), "consumed: the cookie is deleted");
        assertTrue(store.consume(browser.request(), browser.response(), "state-1").isEmpty());
    }

    @Test
    void aPendingSignInExpiresAndOnlyTheNewestAreKept() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        for (int i = 1; i <= CookieSignInStateStore.MAX_PENDING + 2; i++) {
            store.save(browser.request(), browser.response(), new SignInState("state-" + i, "n", "v", "/app/", ISSUER,
                    "", "https://app.example/app/passage/callback", clock.instant()));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(CookieSignInStateStore.MAX_PENDING, browser.jar.size());
        assertTrue(store.consume(browser.request(), browser.response(), "state-1").isEmpty(), "the oldest went");
        assertTrue(store.consume(browser.request(), browser.response(), "state-6").isPresent());

        clock.advance(CookieSignInStateStore.LIFETIME);
        assertTrue(store.consume(browser.request(), browser.response(), "state-5").isEmpty(), "expired");
    }

    // ---------------------------------------------------------------- cookie names and scope

    private CookieCallerStore callerStore(SessionSettings session) throws Exception {
        return callerStore(definitions(ISSUER, session), new Logouts(new InMemoryEndedSessions(Duration.ofHours(12),
                clock), clock));
    }

    private static SessionSettings stateless(String keys, URI baseUrl) {
        return new SessionSettings(true, CookieKeys.parse(keys), "", Duration.ofHours(12), baseUrl);
    }

    @Test
    void overHttpsEveryCookieIsAHostCookieNamedForItsApp() throws Exception {
        CookieCallerStore store = callerStore(stateless(SealedCookieCodecTest.newKey()));
        SignedInCaller caller = passageCaller(T0);
        store.establish(browser.request(), browser.response(), caller);
        String name = new CookieScope(true, "/app").name(CookieCallerStore.COOKIE);
        assertTrue(name.matches("__Host-passage_session\\.[A-Za-z0-9_-]{8}"), name);
        assertFalse(name.equals(new CookieScope(true, "/other").name(CookieCallerStore.COOKIE)),
                "apps of one host, all at Path=/, do not share a name");
        assertFalse(new CookieScope(true, "").name(CookieCallerStore.COOKIE).equals(name));
        assertFalse(browser.jar.isEmpty());
        for (String cookie : browser.jar.keySet()) {
            assertTrue(cookie.startsWith(name), cookie);
        }
        for (String header : browser.setCookies) {
            assertTrue(header.contains("; Path=/;") && header.contains("; Secure"), header);
            assertFalse(header.toLowerCase(java.util.Locale.ROOT).contains("domain="), header);
        }
        assertEquals(caller.sessionKey(), store.load(browser.request()).orElseThrow().sessionKey());

        store.clear(browser.request(), browser.response());
        assertTrue(browser.jar.isEmpty(), "deleted under the same name and path: " + browser.jar.keySet());
    }

    @Test
    void behindATlsProxyTheBaseUrlMakesTheCookiesSecureHostCookies() throws Exception {
        browser.secure = false;
        CookieCallerStore store = callerStore(stateless(SealedCookieCodecTest.newKey(),
                URI.create("https://app.example.com")));
        store.establish(browser.request(), browser.response(), passageCaller(T0));
        assertFalse(browser.setCookies.isEmpty());
        for (String header : browser.setCookies) {
            assertTrue(header.startsWith("__Host-passage_session."), header);
            assertTrue(header.contains("; Path=/;") && header.contains("; Secure"), header);
        }
        assertTrue(store.load(browser.request()).isPresent());
    }

    @Test
    void overPlainHttpTheNamesStayAndTheContextPathScopesThem() throws Exception {
        browser.secure = false;
        CookieCallerStore store = callerStore(stateless(SealedCookieCodecTest.newKey(),
                URI.create("http://localhost:8080")));
        store.establish(browser.request(), browser.response(), passageCaller(T0));
        for (String header : browser.setCookies) {
            assertTrue(header.startsWith("passage_session"), header);
            assertTrue(header.contains("; Path=/app;"), header);
            assertFalse(header.contains("Secure"), "a browser drops a Secure cookie set over http: " + header);
        }
        assertTrue(store.load(browser.request()).isPresent());
        browser.contextPath = "";
        browser.setCookies.clear();
        callerStore(stateless(SealedCookieCodecTest.newKey())).establish(browser.request(), browser.response(),
                passageCaller(T0));
        assertTrue(browser.setCookies.get(0).contains("; Path=/;"), "at the root: " + browser.setCookies.get(0));
    }

    @Test
    void pendingSignInsAreHostCookiesOverHttpsAndThePlainNamesOverHttp() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        for (int i = 1; i <= CookieSignInStateStore.MAX_PENDING + 1; i++) {
            store.save(browser.request(), browser.response(), new SignInState("state-" + i, "n", "v", "/app/", ISSUER,
                    "", "https://app.example/app/passage/callback", clock.instant()));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(CookieSignInStateStore.MAX_PENDING, browser.jar.size(), "the oldest dropped by its __Host- name");
        for (String name : browser.jar.keySet()) {
            assertTrue(name.startsWith(new CookieScope(true, "/app").name("passage_signin") + "_"), name);
        }
        assertTrue(store.consume(browser.request(), browser.response(), "state-1").isEmpty(), "the oldest went");
        assertTrue(store.consume(browser.request(), browser.response(), "state-2").isPresent());

        browser.secure = false;
        browser.jar.clear();
        store.save(browser.request(), browser.response(), new SignInState("state-x", "n", "v", "/app/", ISSUER, "",
                "http://localhost/app/passage/callback", clock.instant()));
        assertEquals(CookieSignInStateStore.cookieName(new CookieScope(false, "/app"), "state-x"),
                browser.jar.keySet().iterator().next());
        assertTrue(browser.jar.keySet().iterator().next().startsWith("passage_signin_"));
        assertTrue(store.consume(browser.request(), browser.response(), "state-x").isPresent());
    }

    // ---------------------------------------------------------------- size

    /** The Passage caller with userinfo claims beyond its ID token's, {@code extra} characters of them. */
    private static SignedInCaller withUserInfo(SignedInCaller caller, int extra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("nickname", "a".repeat(extra));
        claims.putAll(caller.profile().getClaims());
        return new SignedInCaller(new PassageProfile(caller.profile().getName(), claims), caller.groups(),
                caller.tokens(), caller.idTokenClaims(), caller.signedInAt(), caller.definition(), caller.sessionKey());
    }

    @Test
    void theIdTokensClaimsAreKeptOnceInTheCookieAndComeBackWhole() throws Exception {
        String key = SealedCookieCodecTest.newKey();
        CookieCallerStore store = callerStore(stateless(key));
        SignedInCaller caller = withUserInfo(passageCaller(T0), 10);
        store.establish(browser.request(), browser.response(), caller);

        String sealed = String.join("", browser.jar.values());
        JWTClaimsSet kept = new SealedCookieCodec(CookieKeys.parse(key), clock).open(CookieCallerStore.TYPE, sealed)
                .orElseThrow();
        assertEquals(Map.of("nickname", "a".repeat(10)), kept.getJSONObjectClaim("profile"),
                "only what the ID token does not hold");
        SignedInCaller loaded = store.load(browser.request()).orElseThrow();
        assertEquals(caller.profile().getClaims(), loaded.profile().getClaims());
        assertEquals(caller.profile().getName(), loaded.profile().getName());
        assertEquals(caller.idTokenClaims(), loaded.idTokenClaims());
    }

    @Test
    void aSessionTooLargeForItsCookiesIsRefusedAndLeavesNoCookieBehind() throws Exception {
        CookieCallerStore store = callerStore(stateless(SealedCookieCodecTest.newKey()));
        store.establish(browser.request(), browser.response(), passageCaller(T0));
        assertFalse(browser.jar.isEmpty());

        SignedInCaller huge = withUserInfo(passageCaller(T0),
                CookieChunks.MAX_CHUNKS * CookieChunks.MAX_COOKIE_BYTES);
        assertThrows(SessionTooLargeException.class,
                () -> store.update(browser.request(), browser.response(), huge));
        assertTrue(browser.jar.isEmpty(), "the older, smaller session went too: " + browser.jar.keySet());
        assertTrue(store.load(browser.request()).isEmpty());
        assertThrows(SessionTooLargeException.class,
                () -> store.establish(browser.request(), browser.response(), huge));
        assertTrue(browser.jar.isEmpty());
    }
}
