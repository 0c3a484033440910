package io.github.passage4j.ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-JVM {@link EndedSessions}: a bounded map from key to the time of the logout. An entry is forgotten after
 * a time to live no shorter than a sign-in lasts; when the map is full, its oldest entry goes, with a warning, so that
 * memory stays bounded whatever the provider sends.
 */
final class InMemoryEndedSessions implements EndedSessions {

    private static final System.Logger LOG = System.getLogger(InMemoryEndedSessions.class.getName());

    static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    // insertion order is logout order (later logouts of the same key are re-inserted), so the eldest is the oldest
    private final Map<String, Instant> ended = new LinkedHashMap<>();

    InMemoryEndedSessions(Duration timeToLive, Clock clock) {
        this(timeToLive, DEFAULT_MAX_ENTRIES, clock);
    }

    InMemoryEndedSessions(Duration timeToLive, int maxEntries, Clock clock) {
        if (timeToLive.isNegative() || timeToLive.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("timeToLive must be positive and maxEntries at least 1");
        }
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public synchronized void end(String key, Instant at) {
        Instant now = clock.instant();
        dropExpired(now);
        Instant known = ended.remove(key);
        Instant latest = known != null && known.isAfter(at) ? known : at;
        if (ended.size() >= maxEntries) {
            Iterator<String> eldest = ended.keySet().iterator();
            eldest.next();
            eldest.remove();
            LOG.log(System.Logger.Level.WARNING, "Passage4J: the list of ended sessions is full ({0} entries); "
                    + "forgot the oldest", maxEntries);
        }
        ended.put(key, latest);
    }

    @Override
    public synchronized boolean endedSince(String key, Instant since) {
        Instant at = ended.get(key);
        return at != null && !isExpired(at, clock.instant()) && !at.isBefore(since);
    }

    synchronized int size() {
        return ended.size();
    }

    private void dropExpired(Instant now) {
        Iterator<Instant> times = ended.values().iterator();
        // oldest first: stop at the first entry still alive
        while (times.hasNext()) {
            if (!isExpired(times.next(), now)) {
                return;
            }
            times.remove();
        }
    }

    private boolean isExpired(Instant at, Instant now) {
        return !now.isBefore(at.plus(timeToLive));
    }
}
