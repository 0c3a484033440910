package io.github.passage4j.ee;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.RecordingLogger;
import io.github.passage4j.oidc.TestSupport;
import io.github.passage4j.oidc.ThrottledLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 2.5 to 2.8) against a provider on
 * loopback, over a shared ended-sessions cache that two nodes use and that can go down.
 */
class BackChannelLogoutTest {

    private static final String PATH = "/passage/backchannel-logout";
    private static final Duration TTL = Duration.ofHours(12);

    private final FakeProvider fake;
    private final MutableClock clock = new MutableClock(TestSupport.NOW);
    private final AtomicLong nanos = new AtomicLong();
    private final RecordingLogger log = new RecordingLogger();
    /** The keys the cache fails for, like a partitioned one (all, or those on an unreachable member). */
    private volatile Predicate<Object> failing = key -> false;
    /** The cluster's cache, failing for the {@link #failing} keys. */
    private final ConcurrentMap<Object, Object> cache = new ConcurrentHashMap<>() {
        @Override
        public Object get(Object key) {
            failIfDown(key);
            return super.get(key);
        }

        @Override
        public Object putIfAbsent(Object key, Object value) {
            failIfDown(key);
            return super.putIfAbsent(key, value);
        }

        @Override
        public boolean replace(Object key, Object expected, Object value) {
            failIfDown(key);
            return super.replace(key, expected, value);
        }
    };
    private final Logouts logoutsA = node();
    private final Logouts logoutsB = node();
    private final BackChannelLogout nodeA;
    private final BackChannelLogout nodeB;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    BackChannelLogoutTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        nodeA = endpoint(logoutsA);
        nodeB = endpoint(logoutsB);
        claims.put("iss", fake.issuer);
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("exp", TestSupport.NOW.plusSeconds(120).getEpochSecond());
        claims.put("jti", "logout-1");
        claims.put("sid", "session-7");
        claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void failIfDown(Object key) {
        if (failing.test(key)) {
            throw new IllegalStateException("partitioned");
        }
    }

    private Logouts node() {
        return new Logouts(new SharedEndedSessions(new ConcurrentMapEntries(cache, "java:test/ended"), TTL, clock),
                clock);
    }

    private BackChannelLogout endpoint(Logouts logouts) {
        OpenIdProvider provider = new OpenIdProvider(TestSupport.settings(fake.issuer), clock,
                logouts.replayGuard(""));
        return new BackChannelLogout(PATH, provider, "", logouts,
                new ThrottledLog(log, ThrottledLog.DEFAULT_WINDOW, nanos::get));
    }

    private String token() {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("logout+jwt")).build(), claims, TestSupport.signer(TestSupport.RSA_1));
    }

    private static ServletFakes.Response post(BackChannelLogout endpoint, String... logoutToken) {
        ServletFakes.Request request = ServletFakes.request(PATH).method("POST");
        if (logoutToken.length > 0) {
            request.parameter("logout_token", logoutToken);
        }
        ServletFakes.Response response = new ServletFakes.Response();
        endpoint.receive(request.build(), response.build());
        return response;
    }

    private static SignedInCaller caller(String sid, Instant signedInAt) {
        PassageTokens tokens = new PassageTokens("h.p.s", "access", null, null, signedInAt.plusSeconds(300));
        return new SignedInCaller(new PassageProfile("alice", Map.of("sub", "alice")), Set.of(), tokens,
                Map.of("sub", "alice", "sid", sid), signedInAt, "", "key-" + sid);
    }

    /** Back-Channel Logout 2.8: the refusal is a 400, never cached, and says nothing about why. */
    private static void assertRefused(ServletFakes.Response response) {
        assertEquals(400, response.status);
        assertEquals("no-store", response.header("Cache-Control"));
        assertFalse(response.body.toString().contains("step"), response.body.toString());
    }

    @Test
    void onlyAPostIsALogout() {
        ServletFakes.Response response = new ServletFakes.Response();
        nodeA.receive(ServletFakes.request(PATH).method("GET").parameter("logout_token", token()).build(),
                response.build());
        assertEquals(405, response.status);
        assertEquals("POST", response.header("Allow"));
        assertFalse(logoutsA.isEnded(caller("session-7", TestSupport.NOW.minusSeconds(60))));
    }

    @Test
    void aMissingEmptyDuplicateOrOverlongLogoutTokenIsMalformed() {
        assertRefused(post(nodeA));
        assertRefused(post(nodeA, ""));
        assertRefused(post(nodeA, token(), token()));
        assertRefused(post(nodeA, "x".repeat(io.github.passage4j.oidc.UnverifiedJwt.MAX_LENGTH + 1)));
        assertEquals(200, post(nodeA, token()).status, "the token itself was fine, and never spent");
    }

    @Test
    void anInvalidTokenIsRefusedAndEndsNothing() {
        claims.put("aud", "someone-else");
        assertRefused(post(nodeA, token()));
        assertFalse(logoutsA.isEnded(caller("session-7", TestSupport.NOW.minusSeconds(60))));
    }

    @Test
    void aValidTokenEndsItsSessionOnEveryNode() {
        ServletFakes.Response response = post(nodeA, token());
        assertEquals(200, response.status);
        assertEquals("no-store", response.header("Cache-Control"));
        assertTrue(logoutsB.isEnded(caller("session-7", TestSupport.NOW.minusSeconds(60))));
    }

    @Test
    void aReplayIsRefusedOnTheSameNodeAndOnAnother() {
        String token = token();
        assertEquals(200, post(nodeA, token).status);
        assertRefused(post(nodeA, token));
        assertRefused(post(nodeB, token));
    }

    @Test
    void aLogoutTokenReplayedOnlyToAnotherNodeIsRefusedThere() {
        String token = token();
        assertEquals(200, post(nodeA, token).status);
        assertRefused(post(nodeB, token));
    }

    @Test
    void whenTheCacheIsDownTheAnswerIs503AndTheProvidersRetrySucceeds() {
        String token = token();
        failing = key -> true;
        assertEquals(503, post(nodeA, token).status);
        failing = key -> false;
        assertEquals(200, post(nodeB, token).status, "the retry (to any node) is no replay");
        assertTrue(logoutsA.isEnded(caller("session-7", TestSupport.NOW.minusSeconds(60))));
        assertRefused(post(nodeA, token));
    }

    @Test
    void whenOnlyTheRecordOfTheLogoutFailsTheJtiIsNotSpent() {
        String token = token();
        // the ended session's entry is on an unreachable member, the jti's is not
        failing = key -> key.toString().startsWith("sid:");
        assertEquals(503, post(nodeA, token).status);
        failing = key -> false;
        assertEquals(200, post(nodeA, token).status, "the provider's retry is accepted, not refused as a replay");
        assertTrue(logoutsA.isEnded(caller("session-7", TestSupport.NOW.minusSeconds(60))), "and the logout holds");
        assertRefused(post(nodeA, token));
    }

    @Test
    void aLateDeliveryEndsOnlyTheSessionsSignedInBeforeTheLogoutWasIssued() {
        Instant issuedAt = Instant.ofEpochSecond(((Number) claims.get("iat")).longValue());
        String token = token();
        // delivered a minute after it was issued (a retried delivery)
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, post(nodeA, token).status);
        assertTrue(logoutsA.isEnded(caller("session-7", issuedAt.minusSeconds(1))));
        assertFalse(logoutsA.isEnded(caller("session-7", issuedAt.plus(TestSupport.SKEW).plusSeconds(1))),
                "signed in after the logout was issued (and after the skew), before it arrived");
    }

    @Test
    void refusalsAreWarnedOncePerReasonAndMinuteTheRestAtDebug() {
        claims.put("aud", "someone-else");
        String wrongAudience = token();
        for (int i = 0; i < 5; i++) {
            assertRefused(post(nodeA, wrongAudience));
        }
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("nonce", "n");
        assertRefused(post(nodeA, token()));
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("step 4"), warnings.get(0));
        assertTrue(warnings.get(1).contains("step 7"), warnings.get(1));
        assertEquals(4, log.at(Level.DEBUG).size());
        nanos.addAndGet(ThrottledLog.DEFAULT_WINDOW.toNanos());
        assertRefused(post(nodeA, wrongAudience));
        assertTrue(log.at(Level.WARNING).get(2).contains("4 more"), log.at(Level.WARNING).toString());
    }
}
