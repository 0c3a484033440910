package io.github.passage4j.ee;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shared ended-sessions cache that hangs is answered as unavailable (503) within the timeout, never as "no logout". */
class TimeBoundEntriesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    /** Holds every call of the hanging cache until the test ends. */
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    @AfterEach
    void release() {
        released.countDown();
    }

    /** A cache whose reads never answer, not even to an interrupt (a cluster client that retries for ever). */
    private SharedEndedSessions.Entries hanging() {
        return new ConcurrentMapEntries(new ConcurrentHashMap<>() {
            @Override
            public Object get(Object key) {
                entered.countDown();
                boolean interrupted = false;
                while (released.getCount() > 0) {
                    try {
                        released.await();
                    } catch (InterruptedException ignored) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }, "java:test/hanging");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReadThatDoesNotAnswerInTimeIsAnUnavailableCache() throws Exception {
        EndedSessions ended = new SharedEndedSessions(
                new TimeBoundEntries(hanging(), Duration.ofMillis(50), getClass().getClassLoader()),
                Duration.ofHours(1), clock);
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class,
                () -> ended.endedSince("sid::1", T0));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the read did reach the cache");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void whenEveryThreadIsStuckInTheCacheFurtherCallsFailAtOnce() throws Exception {
        // one thread, one queued call; a long timeout, so nothing here depends on how fast threads start
        TimeBoundEntries bounded = new TimeBoundEntries(hanging(), Duration.ofMinutes(5), getClass().getClassLoader(),
                1, 1);
        Thread first = new Thread(() -> ignoreFailure(() -> bounded.get("first")));
        first.setDaemon(true);
        first.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the only thread is stuck in the cache");
        Thread second = new Thread(() -> ignoreFailure(() -> bounded.get("second")));
        second.setDaemon(true);
        second.start();
        while (bounded.queued() < 1) {
            Thread.onSpinWait();
        }
        TimeBoundEntries.CacheTimeoutException refused = assertThrows(TimeBoundEntries.CacheTimeoutException.class,
                () -> bounded.get("third"));
        assertEquals("every thread is waiting for the cache", refused.getMessage(),
                "refused at once: no thread is created beyond the bound, no call waits beyond the queue");
    }

    private static void ignoreFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException released) {
            // the test is over
        }
    }

    @Test
    void aHealthyCacheAnswersThroughTheBound() {
        ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();
        EndedSessions ended = new SharedEndedSessions(new TimeBoundEntries(new ConcurrentMapEntries(map, "java:t"),
                Duration.ofSeconds(5), getClass().getClassLoader()), Duration.ofHours(1), clock);
        ended.end("sid::1", T0);
        assertTrue(ended.endedSince("sid::1", T0));
        assertFalse(ended.endedSince("sid::2", T0));
        assertTrue(ended.firstUse("jti::1", T0.plusSeconds(60)));
        assertFalse(ended.firstUse("jti::1", T0.plusSeconds(60)));
    }

    /** A cache whose reads wait until interrupted (a cluster client that honours interrupts but gets no answer). */
    private SharedEndedSessions.Entries interruptible() {
        return new ConcurrentMapEntries(new ConcurrentHashMap<>() {
            @Override
            public Object get(Object key) {
                entered.countDown();
                try {
                    released.await();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }, "java:test/interruptible");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closingEndsThePoolsThreadsEvenOneWaitingForTheCache() throws Exception {
        TimeBoundEntries bounded = new TimeBoundEntries(interruptible(), Duration.ofMinutes(5),
                getClass().getClassLoader());
        Thread caller = new Thread(() -> ignoreFailure(() -> bounded.get("sid::1")));
        caller.setDaemon(true);
        caller.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "a thread is waiting for the cache");
        new SharedEndedSessions(bounded, Duration.ofHours(1), clock).close();
        assertTrue(bounded.awaitClosed(Duration.ofSeconds(10)), "no thread of the pool is left");
        assertThrows(TimeBoundEntries.CacheTimeoutException.class, () -> bounded.get("sid::2"),
                "a call after closing fails like an unreachable cache");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLeaseTakenAfterItsCallerGaveUpIsReleased() throws Exception {
        CountDownLatch undone = new CountDownLatch(1);
        ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>() {
            @Override
            public Object putIfAbsent(Object key, Object value) {
                entered.countDown();
                try {
                    released.await();
                } catch (InterruptedException ignored) {
                    // a cache client that finishes the write anyway
                }
                return super.putIfAbsent(key, value);
            }

            @Override
            public boolean remove(Object key, Object value) {
                boolean removed = super.remove(key, value);
                undone.countDown();
                return removed;
            }
        };
        EndedSessions ended = new SharedEndedSessions(new TimeBoundEntries(new ConcurrentMapEntries(map, "java:t"),
                Duration.ofMillis(50), getClass().getClassLoader()), Duration.ofHours(1), clock);
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class,
                () -> ended.lease("refresh::a", T0.plusSeconds(30)));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        released.countDown();
        assertTrue(undone.await(10, TimeUnit.SECONDS), "the late lease is removed");
        assertFalse(map.containsKey("refresh::a"), "nobody holds a lease nobody knows it took");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLogoutRecordWrittenAfterItsCallerGaveUpStays() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>() {
            @Override
            public Object putIfAbsent(Object key, Object value) {
                try {
                    released.await();
                } catch (InterruptedException ignored) {
                    // a cache client that finishes the write anyway
                }
                Object before = super.putIfAbsent(key, value);
                written.countDown();
                return before;
            }
        };
        TimeBoundEntries bounded = new TimeBoundEntries(new ConcurrentMapEntries(map, "java:t"), Duration.ofMillis(50),
                getClass().getClassLoader());
        EndedSessions ended = new SharedEndedSessions(bounded, Duration.ofHours(1), clock);
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class, () -> ended.end("sid::1", T0));
        released.countDown();
        assertTrue(written.await(10, TimeUnit.SECONDS));
        ended.close();
        assertTrue(bounded.awaitClosed(Duration.ofSeconds(10)));
        assertEquals(T0.toEpochMilli(), map.get("sid::1"), "a logout is never undone: that would fail open");
    }
}
