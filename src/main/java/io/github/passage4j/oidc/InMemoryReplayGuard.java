package io.github.passage4j.oidc;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The single-JVM {@link ReplayGuard}: a bounded map from a digest of issuer and {@code jti} to the
 * instant the record may be forgotten. Digests keep entries small whatever length the ids have.
 */
final class InMemoryReplayGuard implements ReplayGuard {

    private static final System.Logger LOG = System.getLogger(InMemoryReplayGuard.class.getName());

    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Instant> seen = new HashMap<>();

    InMemoryReplayGuard(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean firstUse(String issuer, String jwtId, Instant forgetAfter) {
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        String key = Sha256.of(issuer, jwtId);
        Instant now = clock.instant();
        Instant known = seen.get(key);
        if (known != null && now.isBefore(known)) {
            return false;
        }
        if (known == null && seen.size() >= maxEntries) {
            makeRoom(now);
        }
        seen.put(key, forgetAfter);
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    /** Drops expired records; if none was, the one closest to expiry. O(n), but only when full. */
    private void makeRoom(Instant now) {
        seen.values().removeIf(forgetAfter -> !now.isBefore(forgetAfter));
        if (seen.size() < maxEntries) {
            return;
        }
        seen.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .ifPresent(soonest -> seen.remove(soonest.getKey()));
        LOG.log(Level.WARNING, "Replay guard full ({0} unexpired entries): forgot the one closest to expiry", maxEntries);
    }
}
