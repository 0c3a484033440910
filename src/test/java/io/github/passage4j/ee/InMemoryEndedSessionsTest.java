package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryEndedSessionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aSessionEndedAfterItsSignInIsEndedOthersAreNot() {
        EndedSessions ended = new InMemoryEndedSessions(clock);
        ended.endSession("sid-1", T0);
        assertTrue(ended.isEnded("sid-1", "alice", T0.minusSeconds(60)));
        assertTrue(ended.isEnded("sid-1", "alice", T0), "a logout in the same instant as the sign-in counts");
        assertFalse(ended.isEnded("sid-1", "alice", T0.plusSeconds(1)), "a later sign-in with the same sid stays");
        assertFalse(ended.isEnded("sid-2", "alice", T0.minusSeconds(60)), "another session of the subject stays");
        assertFalse(ended.isEnded(null, "alice", T0.minusSeconds(60)));
    }

    @Test
    void aSubjectLogoutEndsEverySessionOfTheSubjectSignedInBefore() {
        EndedSessions ended = new InMemoryEndedSessions(clock);
        ended.endSubject("alice", T0);
        assertTrue(ended.isEnded("sid-1", "alice", T0.minusSeconds(5)));
        assertTrue(ended.isEnded(null, "alice", T0.minusSeconds(5)));
        assertFalse(ended.isEnded("sid-1", "bob", T0.minusSeconds(5)));
        assertFalse(ended.isEnded("sid-1", "alice", T0.plusSeconds(5)));
    }

    @Test
    void entriesAreForgottenAfterTheirTimeToLive() {
        InMemoryEndedSessions ended = new InMemoryEndedSessions(Duration.ofMinutes(10), 100, clock);
        ended.endSession("sid-1", T0);
        now = T0.plus(Duration.ofMinutes(10));
        assertFalse(ended.isEnded("sid-1", "alice", T0.minusSeconds(1)));
        ended.endSubject("bob", now);
        assertEquals(1, ended.size(), "the expired entry was dropped when another was recorded");
    }

    @Test
    void aFullListForgetsItsOldestEntry() {
        InMemoryEndedSessions ended = new InMemoryEndedSessions(Duration.ofHours(1), 2, clock);
        ended.endSession("sid-1", T0);
        ended.endSession("sid-2", T0.plusSeconds(1));
        ended.endSession("sid-3", T0.plusSeconds(2));
        assertEquals(2, ended.size());
        assertFalse(ended.isEnded("sid-1", "x", T0.minusSeconds(1)));
        assertTrue(ended.isEnded("sid-2", "x", T0.minusSeconds(1)));
        assertTrue(ended.isEnded("sid-3", "x", T0.minusSeconds(1)));
    }

    @Test
    void aRepeatedLogoutKeepsTheLatestTime() {
        EndedSessions ended = new InMemoryEndedSessions(clock);
        ended.endSession("sid-1", T0.plusSeconds(30));
        ended.endSession("sid-1", T0);
        assertTrue(ended.isEnded("sid-1", "x", T0.plusSeconds(10)));
    }
}
