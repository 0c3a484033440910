package io.github.passage4j.ee;

import io.github.passage4j.oidc.ReplayGuard;
import io.github.passage4j.oidc.ThrottledLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-JVM {@link EndedSessions}: a bounded map from key to the time of the logout. An entry is forgotten after
 * a time to live no shorter than a sign-in lasts (by then every session it could end has ended anyway).
 *
 * <p>When the map is full of live entries, forgetting one would bring the sessions it ended back to life (fail
 * open), and refusing to record would keep alive the sessions the new logout ends. Instead the oldest entry goes and
 * its time becomes a watermark: every session signed in at or before the watermark counts as ended, of whatever key.
 * That ends every session the forgotten entry ended (they were signed in before it) and more, never fewer: an ended
 * session never comes back, memory stays bounded whatever arrives, and the price of a flood is that older sessions
 * sign in again. The watermark, like an entry, matters only for a time to live, after which every session signed in
 * before it is past its maximum age.
 */
final class InMemoryEndedSessions implements EndedSessions {

    private static final System.Logger LOG = System.getLogger(InMemoryEndedSessions.class.getName());

    static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    private final ThrottledLog fullLog = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);
    // insertion order is logout order (later logouts of the same key are re-inserted), so the eldest is the oldest
    private final Map<String, Instant> ended = new LinkedHashMap<>();
    /** Every session signed in at or before this ended (see the class comment); null while the map never filled. */
    private Instant endedThrough;
    private final ReplayGuard oneTimeKeys;

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
        this.oneTimeKeys = ReplayGuard.inMemory(ReplayGuard.DEFAULT_MAX_ENTRIES, clock);
    }

    @Override
    public synchronized void end(String key, Instant at) {
        Instant now = clock.instant();
        dropExpired(now);
        Instant known = ended.remove(key);
        Instant latest = known != null && known.isAfter(at) ? known : at;
        if (ended.size() >= maxEntries) {
            Iterator<Map.Entry<String, Instant>> eldest = ended.entrySet().iterator();
            Instant forgotten = eldest.next().getValue();
            eldest.remove();
            if (endedThrough == null || forgotten.isAfter(endedThrough)) {
                endedThrough = forgotten;
            }
            fullLog.warn("full", "Passage4J: the list of ended sessions is full (" + maxEntries + " entries); "
                    + "every session signed in at or before " + endedThrough + " is ended");
        }
        ended.put(key, latest);
    }

    @Override
    public synchronized boolean endedSince(String key, Instant since) {
        Instant now = clock.instant();
        if (endedThrough != null && !isExpired(endedThrough, now) && !since.isAfter(endedThrough)) {
            return true;
        }
        Instant at = ended.get(key);
        return at != null && !isExpired(at, now) && !at.isBefore(since);
    }

    /** The same bounded single-JVM guard as the OpenID core's; the key already names its issuer. */
    @Override
    public boolean firstUse(String key, Instant forgetAfter) {
        return oneTimeKeys.firstUse("", key, forgetAfter);
    }

    @Override
    public boolean lease(String key, Instant until) {
        return true;
    }

    @Override
    public void moveLeaseEnd(String key, Instant until, Instant end) {
        // nothing taken
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
