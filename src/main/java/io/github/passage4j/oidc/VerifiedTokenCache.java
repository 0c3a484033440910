package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recently validated access tokens, so that a client sending the same bearer token with
 * every request costs one signature verification per token rather than one per request.
 *
 * <p>Keyed by the SHA-256 of the token: equal digests mean equal tokens, and the cache holds no
 * usable token. Bounded: when full, the least recently used entry goes. Each entry is served only
 * until its own deadline (the token's expiry plus the clock skew, capped by the caller), checked on
 * every hit, so an expired token is never served, and it is dropped when found expired. Only
 * successes are cached: a token that failed is checked in full each time.
 */
final class VerifiedTokenCache {

    private record Entry(ValidatedAccessToken token, Instant usableUntil) {
    }

    private final Map<String, Entry> entries;

    VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        // access order makes the eldest entry the least recently used one
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The cache key of a token: its digest, computed once per validation and outside the lock (the lock only
     * guards the map, whose operations are O(1)).
     */
    static String keyOf(String token) {
        return Sha256.of(token);
    }

    /** The cached result for the token with this {@link #keyOf key}, or null if there is none usable at {@code now}. */
    ValidatedAccessToken get(String key, Instant now) {
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.usableUntil())) {
                entries.remove(key);
                return null;
            }
            return entry.token();
        }
    }

    void put(String key, ValidatedAccessToken validated, Instant usableUntil) {
        synchronized (entries) {
            entries.put(key, new Entry(validated, usableUntil));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
