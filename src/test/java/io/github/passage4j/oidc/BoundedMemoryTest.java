package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two bounded memories: the verified access-token cache and the in-memory logout replay guard. */
class BoundedMemoryTest {

    private static final Instant NOW = TestSupport.NOW;

    private static ValidatedAccessToken validated(String subject) {
        return new ValidatedAccessToken(subject, "https://issuer.example", List.of("api"), NOW.plusSeconds(60),
                Map.of("sub", subject));
    }

    // ---- VerifiedTokenCache

    @Test
    void cacheServesAnEntryUntilItsDeadlineOnly() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10);
        ValidatedAccessToken token = validated("a");
        cache.put(VerifiedTokenCache.keyOf("token-a"), token, NOW.plusSeconds(60));

        assertSame(token, cache.get(VerifiedTokenCache.keyOf("token-a"), NOW.plusSeconds(59)));
        assertNull(cache.get(VerifiedTokenCache.keyOf("token-a"), NOW.plusSeconds(60)));
        assertEquals(0, cache.size(), "an expired entry is dropped when found");
    }

    @Test
    void cacheDistinguishesTokens() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10);
        cache.put(VerifiedTokenCache.keyOf("token-a"), validated("a"), NOW.plusSeconds(60));
        assertNull(cache.get(VerifiedTokenCache.keyOf("token-b"), NOW));
        assertNull(cache.get(VerifiedTokenCache.keyOf("token-a "), NOW));
    }

    @Test
    void cacheEvictsTheLeastRecentlyUsedEntryWhenFull() {
        VerifiedTokenCache cache = new VerifiedTokenCache(2);
        cache.put(VerifiedTokenCache.keyOf("token-a"), validated("a"), NOW.plusSeconds(60));
        cache.put(VerifiedTokenCache.keyOf("token-b"), validated("b"), NOW.plusSeconds(60));
        assertNotNull(cache.get(VerifiedTokenCache.keyOf("token-a"), NOW));
        cache.put(VerifiedTokenCache.keyOf("token-c"), validated("c"), NOW.plusSeconds(60));

        assertEquals(2, cache.size());
        assertNotNull(cache.get(VerifiedTokenCache.keyOf("token-a"), NOW));
        assertNull(cache.get(VerifiedTokenCache.keyOf("token-b"), NOW), "b was used least recently");
        assertNotNull(cache.get(VerifiedTokenCache.keyOf("token-c"), NOW));
    }

    @Test
    void cacheNeedsRoomForOneEntry() {
        assertThrows(IllegalArgumentException.class, () -> new VerifiedTokenCache(0));
    }

    // ---- InMemoryReplayGuard

    @Test
    void guardRefusesASecondUseUntilTheRecordExpires() {
        TestSupport.MutableClock clock = new TestSupport.MutableClock(NOW);
        ReplayGuard guard = ReplayGuard.inMemory(10, clock);

        assertTrue(guard.firstUse("iss", "jti-1", NOW.plusSeconds(60)));
        assertFalse(guard.firstUse("iss", "jti-1", NOW.plusSeconds(60)));
        assertTrue(guard.firstUse("other-iss", "jti-1", NOW.plusSeconds(60)), "jti is unique per issuer only");
        clock.advance(Duration.ofSeconds(60));
        assertTrue(guard.firstUse("iss", "jti-1", NOW.plusSeconds(120)), "forgotten after its time");
    }

    @Test
    void guardKeysDoNotCollideAcrossTheSeparator() {
        ReplayGuard guard = ReplayGuard.inMemory(10, TestSupport.CLOCK);
        assertTrue(guard.firstUse("ab", "c", NOW.plusSeconds(60)));
        assertTrue(guard.firstUse("a", "bc", NOW.plusSeconds(60)));
    }

    @Test
    void fullGuardFirstDropsExpiredRecords() {
        TestSupport.MutableClock clock = new TestSupport.MutableClock(NOW);
        InMemoryReplayGuard guard = new InMemoryReplayGuard(2, clock);
        guard.firstUse("iss", "short", NOW.plusSeconds(10));
        guard.firstUse("iss", "long", NOW.plusSeconds(100));
        clock.advance(Duration.ofSeconds(10));

        assertTrue(guard.firstUse("iss", "new", NOW.plusSeconds(100)));
        assertEquals(2, guard.size());
        assertFalse(guard.firstUse("iss", "long", NOW.plusSeconds(100)), "the unexpired record is kept");
    }

    @Test
    void fullGuardOfUnexpiredRecordsForgetsTheOneClosestToExpiry() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(2, TestSupport.CLOCK);
        guard.firstUse("iss", "soon", NOW.plusSeconds(10));
        guard.firstUse("iss", "late", NOW.plusSeconds(100));

        assertTrue(guard.firstUse("iss", "new", NOW.plusSeconds(50)), "a valid logout is never refused for room");
        assertEquals(2, guard.size());
        assertFalse(guard.firstUse("iss", "late", NOW.plusSeconds(100)));
        assertFalse(guard.firstUse("iss", "new", NOW.plusSeconds(50)));
    }

    @Test
    void guardNeedsRoomForOneRecord() {
        assertThrows(IllegalArgumentException.class, () -> ReplayGuard.inMemory(0, TestSupport.CLOCK));
    }
}
