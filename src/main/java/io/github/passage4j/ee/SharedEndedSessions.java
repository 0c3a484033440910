package io.github.passage4j.ee;

import io.github.passage4j.oidc.ThrottledLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link EndedSessions} kept in the server's distributed cache, so a logout received by one node ends the session on
 * every node. Each entry holds the time of the latest logout (epoch milliseconds), raised by compare-and-set so that
 * two nodes recording logouts of the same key at once keep the later one. Entries older than the time to live are
 * ignored even if the cache has not expired them yet. The same cache holds the logout tokens received
 * ({@link #firstUse}), so that a token replayed to another node is refused there too.
 */
final class SharedEndedSessions implements EndedSessions {

    private static final System.Logger LOG = System.getLogger(SharedEndedSessions.class.getName());

    /** The operations needed of a shared map; a JCache and a {@code ConcurrentMap} both have them. */
    interface Entries {
        Long get(String key);

        /** @return whether the key was absent and now holds the value */
        boolean putIfAbsent(String key, Long value);

        /** @return whether the key held {@code expected} and now holds {@code value} */
        boolean replace(String key, Long expected, Long value);

        /** @return whether the key held {@code expected} and is now absent */
        boolean remove(String key, Long expected);

        /**
         * The same entries, for a write that must not take effect once its caller gave up on it (a lease nobody
         * would ever release): where a call can outlive its caller ({@link TimeBoundEntries}), such a write is
         * undone when it completes late.
         */
        default Entries undoneIfLate() {
            return this;
        }

        /** Ends what these entries hold of the app's own (threads); the cache itself is the server's. */
        default void close() {
        }

        /** For logs and messages. */
        String describe();
    }

    private static final int MAX_ATTEMPTS = 16;

    private final Entries entries;
    private final ThrottledLog failures = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);
    private final Duration timeToLive;
    private final Clock clock;

    SharedEndedSessions(Entries entries, Duration timeToLive, Clock clock) {
        this.entries = entries;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public void end(String key, Instant at) {
        Long wanted = at.toEpochMilli();
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (entries.putIfAbsent(key, wanted)) {
                    return;
                }
                Long known = entries.get(key);
                if (known != null && known >= wanted) {
                    return;
                }
                if (known != null && entries.replace(key, known, wanted)) {
                    return;
                }
            }
            throw new IllegalStateException("the entry kept changing");
        } catch (RuntimeException failed) {
            throw unavailable("record a logout in", failed);
        }
    }

    @Override
    public boolean endedSince(String key, Instant since) {
        Long at;
        try {
            at = entries.get(key);
        } catch (RuntimeException failed) {
            throw unavailable("read", failed);
        }
        if (at == null) {
            return false;
        }
        Instant endedAt = Instant.ofEpochMilli(at);
        return clock.instant().isBefore(endedAt.plus(timeToLive)) && !endedAt.isBefore(since);
    }

    /**
     * The entry holds when the use may be forgotten (epoch milliseconds): the cache's own expiry (that of the ended
     * sessions) may keep it longer, so an entry past its time counts as absent and is taken over by compare-and-set.
     */
    @Override
    public boolean firstUse(String key, Instant forgetAfter) {
        return claim(entries, key, forgetAfter, "record a logout token in");
    }

    private boolean claim(Entries via, String key, Instant forgetAfter, String what) {
        Long until = forgetAfter.toEpochMilli();
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (via.putIfAbsent(key, until)) {
                    return true;
                }
                Long known = via.get(key);
                if (known != null && clock.millis() < known) {
                    return false;
                }
                if (known != null && via.replace(key, known, until)) {
                    return true;
                }
            }
            throw new IllegalStateException("the entry kept changing");
        } catch (RuntimeException failed) {
            throw unavailable(what, failed);
        }
    }

    /**
     * A lease is a one-time key whose time is the lease's end. Taken so that a take that times out but completes
     * later is undone, and released by removing it: a released lease left in the cache would stay for the cache's
     * whole expiry, crowding out the logout records in a cache that evicts.
     */
    @Override
    public boolean lease(String key, Instant until) {
        return claim(entries.undoneIfLate(), key, until, "take a lease in");
    }

    @Override
    public void close() {
        entries.close();
    }

    @Override
    public void moveLeaseEnd(String key, Instant until, Instant end) {
        try {
            if (end.isBefore(until)) {
                // given back: removed, so that leases never pile up in the cache beside the logout records
                entries.remove(key, until.toEpochMilli());
            } else {
                entries.replace(key, until.toEpochMilli(), end.toEpochMilli());
            }
        } catch (RuntimeException failed) {
            // the lease ends at its time anyway; the refresh it guarded is done
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not move a lease's end in " + entries.describe()
                    + " (" + failed.getClass().getName() + ")");
        }
    }

    private EndedSessionsUnavailableException unavailable(String what, RuntimeException failed) {
        // the cache's exception may be long and name cluster members; its class says enough for the log. Every
        // signed-in request meets an outage: one WARNING per kind and minute, the rest at DEBUG
        failures.warn(what + " " + failed.getClass().getName(), "Passage4J: could not " + what
                + " the ended sessions cache " + entries.describe() + " (" + failed.getClass().getName() + ")");
        return new EndedSessionsUnavailableException();
    }

    /** The shared list could not be reached: the request is answered 503 and may be retried. */
    static final class EndedSessionsUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndedSessionsUnavailableException() {
            super("the ended sessions cache is unavailable", null, false, false);
        }
    }
}
