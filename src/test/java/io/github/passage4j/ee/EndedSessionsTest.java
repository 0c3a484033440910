package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.LogoutToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both lists of ended sessions, the single-JVM one and the shared one, through {@link Logouts}. */
class EndedSessionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(T0);
    /** Stands for the cluster's cache: two nodes' {@link SharedEndedSessions} over one map. */
    private final ConcurrentMap<Object, Object> sharedCache = new ConcurrentHashMap<>();

    private EndedSessions list(String kind) {
        return kind.equals("memory")
                ? new InMemoryEndedSessions(TTL, clock)
                : new SharedEndedSessions(new ConcurrentMapEntries(sharedCache, "java:test/ended"), TTL, clock);
    }

    private static SignedInCaller caller(String definition, String sid, String sub, Instant signedInAt,
                                         String sessionKey) {
        Map<String, Object> idClaims = sid == null ? Map.of("sub", sub) : Map.of("sub", sub, "sid", sid);
        PassageTokens tokens = new PassageTokens("h.p.s", "access", null, null, signedInAt.plusSeconds(300));
        return new SignedInCaller(new PassageProfile(sub, Map.of("sub", sub)), Set.of(), tokens, idClaims,
                signedInAt, definition, sessionKey);
    }

    private static LogoutToken logoutToken(String sid, String sub, Instant issuedAt) {
        return new LogoutToken("https://op.example", sub, sid, "jti-" + sid + sub, issuedAt, issuedAt.plusSeconds(120));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aProviderSessionEndedAfterTheSignInEndsItOnlyThatSessionOfThatDefinition(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        logouts.backChannelLogout("", logoutToken("sid-1", null, T0), Duration.ZERO);
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", T0.minusSeconds(60), "k1")));
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", T0, "k1")), "a logout in the sign-in's instant counts");
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", T0.plusSeconds(1), "k1")),
                "a later sign-in with the same sid stays");
        assertFalse(logouts.isEnded(caller("", "sid-2", "alice", T0.minusSeconds(60), "k2")),
                "another session of the subject stays");
        assertFalse(logouts.isEnded(caller("other", "sid-1", "alice", T0.minusSeconds(60), "k3")),
                "the same sid at another provider is another session");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aSubjectLogoutEndsEverySessionOfTheSubjectSignedInBefore(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        logouts.backChannelLogout("", logoutToken(null, "alice", T0), Duration.ZERO);
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", T0.minusSeconds(5), "k1")));
        assertTrue(logouts.isEnded(caller("", null, "alice", T0.minusSeconds(5), "k2")));
        assertFalse(logouts.isEnded(caller("", "sid-1", "bob", T0.minusSeconds(5), "k3")));
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", T0.plusSeconds(5), "k4")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aLocalLogoutEndsThatSignInOnly(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        SignedInCaller signedIn = caller("", "sid-1", "alice", T0.minusSeconds(5), "key-1");
        logouts.signInEnded(signedIn);
        assertTrue(logouts.isEnded(signedIn));
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", T0.minusSeconds(5), "key-2")),
                "another browser's sign-in in the same provider session stays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void entriesAreIgnoredAfterTheirTimeToLive(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        logouts.backChannelLogout("", logoutToken("sid-1", null, T0), Duration.ZERO);
        clock.advance(TTL);
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", T0.minusSeconds(1), "k1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aRepeatedLogoutKeepsTheLatestTime(String kind) {
        EndedSessions ended = list(kind);
        ended.end("sid::1", T0.plusSeconds(30));
        ended.end("sid::1", T0);
        assertTrue(ended.endedSince("sid::1", T0.plusSeconds(10)));
        ended.end("sid::1", T0.plusSeconds(60));
        assertTrue(ended.endedSince("sid::1", T0.plusSeconds(45)), "a later logout raises the time");
    }

    @Test
    void aLogoutRecordedByOneNodeIsSeenByAnother() {
        Logouts nodeA = new Logouts(list("shared"), clock);
        Logouts nodeB = new Logouts(list("shared"), clock);
        SignedInCaller signedIn = caller("", "sid-9", "carol", T0.minusSeconds(5), "key-9");
        assertFalse(nodeB.isEnded(signedIn));
        nodeA.backChannelLogout("", logoutToken("sid-9", null, T0), Duration.ZERO);
        assertTrue(nodeB.isEnded(signedIn));
    }

    @Test
    void aFullSingleJvmListNeverBringsAnEndedSessionBack() {
        InMemoryEndedSessions ended = new InMemoryEndedSessions(TTL, 2, clock);
        ended.end("a", T0);
        ended.end("b", T0.plusSeconds(1));
        ended.end("c", T0.plusSeconds(2));
        assertEquals(2, ended.size(), "memory stays bounded");
        assertTrue(ended.endedSince("a", T0.minusSeconds(1)), "the forgotten entry's session stays ended");
        assertTrue(ended.endedSince("b", T0.minusSeconds(1)));
        assertTrue(ended.endedSince("c", T0.minusSeconds(1)));
        assertTrue(ended.endedSince("unrelated", T0), "a session signed in before the watermark is ended too");
        assertFalse(ended.endedSince("unrelated", T0.plusMillis(1)), "a later sign-in is not");
        assertFalse(ended.endedSince("a", T0.plusMillis(1)), "nor a later sign-in of the forgotten key");
    }

    @Test
    void theWatermarkOfAFullListLastsOnlyTheTimeToLive() {
        InMemoryEndedSessions ended = new InMemoryEndedSessions(TTL, 1, clock);
        ended.end("a", T0);
        ended.end("b", T0.plusSeconds(1));
        clock.advance(TTL);
        assertFalse(ended.endedSince("unrelated", T0.minusSeconds(1)),
                "every session signed in before it is past its maximum age anyway");
    }

    @Test
    void theSingleJvmListDropsExpiredEntriesWhenRecording() {
        InMemoryEndedSessions ended = new InMemoryEndedSessions(Duration.ofMinutes(10), 100, clock);
        ended.end("a", T0);
        clock.advance(Duration.ofMinutes(10));
        ended.end("b", clock.instant());
        assertEquals(1, ended.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aDelayedBackChannelLogoutEndsTheSessionsSignedInBeforeItsIatOnly(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        Duration skew = Duration.ofSeconds(30);
        Instant issuedAt = T0.minus(Duration.ofMinutes(5));
        // delivered now, five minutes after the provider issued it (a retried delivery)
        logouts.backChannelLogout("", logoutToken("sid-1", null, issuedAt), skew);
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", issuedAt.minusSeconds(1), "k1")),
                "signed in before the logout");
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", issuedAt.plus(skew), "k2")),
                "within the clock skew a sign-in counts as before the logout");
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", issuedAt.plus(skew).plusMillis(1), "k3")),
                "signed in after the logout was issued, before it was delivered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aPromptBackChannelLogoutEndsWhatWasSignedInBeforeItArrived(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        // iat is whole seconds, and the provider's clock: T0 - 1 s may be a moment ago
        logouts.backChannelLogout("", logoutToken("sid-1", null, T0.minusSeconds(1)), Duration.ofSeconds(30));
        assertTrue(logouts.isEnded(caller("", "sid-1", "alice", T0.minusMillis(300), "k1")),
                "signed in after iat by this node's clock, but before the logout arrived");
        assertFalse(logouts.isEnded(caller("", "sid-1", "alice", T0.plusMillis(1), "k2")), "signed in after it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "shared"})
    void aLogoutTokenIsUsedOnceUntilItWouldBeRefusedAnyway(String kind) {
        Logouts logouts = new Logouts(list(kind), clock);
        Instant forgetAfter = T0.plusSeconds(150);
        assertTrue(logouts.replayGuard("").firstUse("https://op.example", "jti-1", forgetAfter));
        assertFalse(logouts.replayGuard("").firstUse("https://op.example", "jti-1", forgetAfter));
        assertTrue(logouts.replayGuard("other").firstUse("https://op.example", "jti-1", forgetAfter),
                "another definition's namespace");
        assertTrue(logouts.replayGuard("").firstUse("https://op.example", "jti-2", forgetAfter));
        clock.advance(Duration.ofSeconds(150));
        assertTrue(logouts.replayGuard("").firstUse("https://op.example", "jti-1", forgetAfter.plusSeconds(150)),
                "forgotten once the token is past its lifetime");
    }

    @Test
    void aLogoutTokenUsedOnOneNodeIsAReplayOnAnother() {
        Logouts nodeA = new Logouts(list("shared"), clock);
        Logouts nodeB = new Logouts(list("shared"), clock);
        assertTrue(nodeA.replayGuard("").firstUse("https://op.example", "jti-1", T0.plusSeconds(150)));
        assertFalse(nodeB.replayGuard("").firstUse("https://op.example", "jti-1", T0.plusSeconds(150)));
    }

    @Test
    void veryLongIdsAreStoredAsAHash() {
        String longSub = "s".repeat(5000);
        String key = Logouts.key("sub", "", longSub);
        assertTrue(key.length() < 100, key);
        assertFalse(key.equals(Logouts.key("sub", "", longSub + "x")));
    }

    /** A shared list whose cache is partitioned away: every read and write fails. Shared by the stores' tests. */
    static EndedSessions unreachable(java.time.Clock clock) {
        ConcurrentMap<Object, Object> broken = new ConcurrentHashMap<>() {
            @Override
            public Object get(Object key) {
                throw new IllegalStateException("partitioned");
            }

            @Override
            public Object putIfAbsent(Object key, Object value) {
                throw new IllegalStateException("partitioned");
            }

            @Override
            public boolean replace(Object key, Object expected, Object value) {
                throw new IllegalStateException("partitioned");
            }
        };
        return new SharedEndedSessions(new ConcurrentMapEntries(broken, "java:test/broken"), TTL, clock);
    }

    @Test
    void anUnreachableSharedCacheIsReportedNotTakenForNoLogout() {
        EndedSessions ended = unreachable(clock);
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class,
                () -> ended.endedSince("sid::1", T0));
    }

    @Test
    void aReleasedLeaseIsGoneFromTheSharedCache() {
        EndedSessions ended = list("shared");
        Instant until = T0.plusSeconds(30);
        assertTrue(ended.lease("refresh::a", until));
        ended.moveLeaseEnd("refresh::a", until, Instant.EPOCH);
        assertFalse(sharedCache.containsKey("refresh::a"),
                "a released lease left behind would stay for the cache's whole expiry, crowding out logout records");
        assertTrue(ended.lease("refresh::a", T0.plusSeconds(60)), "and the next refresh takes it at once");
    }

    @Test
    void releasingLeavesALeaseTakenAgainByAnotherInPlace() {
        EndedSessions ended = list("shared");
        assertTrue(ended.lease("refresh::a", T0.plusSeconds(30)));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(ended.lease("refresh::a", T0.plusSeconds(61)), "an expired lease is taken over");
        ended.moveLeaseEnd("refresh::a", T0.plusSeconds(30), Instant.EPOCH);
        assertFalse(list("shared").lease("refresh::a", T0.plusSeconds(90)), "the late release of the first holder "
                + "does not free the second holder's lease");
    }
}
