package io.github.passage4j.ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-JVM {@link EndedSessions}: two bounded maps (by {@code sid}, by {@code sub}) from id to the time of the
 * logout. An entry is forgotten after a fixed time to live, longer than a session signed in before the logout can
 * sensibly still be in use; when a map is full, its oldest entry goes, with a warning, so that memory stays bounded
 * whatever the provider sends.
 */
final class InMemoryEndedSessions implements EndedSessions {

    private static final System.Logger LOG = System.getLogger(InMemoryEndedSessions.class.getName());

    /** Longer than any HTTP session is usually kept alive. */
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(24);
    static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    // insertion order is logout order (later logouts of the same id are re-inserted), so the eldest is the oldest
    private final Map<String, Instant> sessions = new LinkedHashMap<>();
    private final Map<String, Instant> subjects = new LinkedHashMap<>();

    InMemoryEndedSessions(Clock clock) {
        this(DEFAULT_TIME_TO_LIVE, DEFAULT_MAX_ENTRIES, clock);
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
    public synchronized void endSession(String sessionId, Instant at) {
        record(sessions, sessionId, at);
    }

    @Override
    public synchronized void endSubject(String subject, Instant at) {
        record(subjects, subject, at);
    }

    @Override
    public synchronized boolean isEnded(String sessionId, String subject, Instant signedInAt) {
        Instant now = clock.instant();
        return endedAfter(sessions, sessionId, signedInAt, now) || endedAfter(subjects, subject, signedInAt, now);
    }

    synchronized int size() {
        return sessions.size() + subjects.size();
    }

    private boolean endedAfter(Map<String, Instant> ended, String id, Instant signedInAt, Instant now) {
        if (id == null) {
            return false;
        }
        Instant at = ended.get(id);
        return at != null && !isExpired(at, now) && !at.isBefore(signedInAt);
    }

    private void record(Map<String, Instant> ended, String id, Instant at) {
        if (id == null) {
            return;
        }
        Instant now = clock.instant();
        dropExpired(sessions, now);
        dropExpired(subjects, now);
        Instant known = ended.remove(id);
        Instant latest = known != null && known.isAfter(at) ? known : at;
        if (ended.size() >= maxEntries) {
            Iterator<String> eldest = ended.keySet().iterator();
            eldest.next();
            eldest.remove();
            LOG.log(System.Logger.Level.WARNING, "Passage4J: the list of ended sessions is full ({0} entries); "
                    + "forgot the oldest", maxEntries);
        }
        ended.put(id, latest);
    }

    private void dropExpired(Map<String, Instant> ended, Instant now) {
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
