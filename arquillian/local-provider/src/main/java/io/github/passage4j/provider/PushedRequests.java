package io.github.passage4j.provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization requests pushed to {@code /par} (RFC 9126), each under a random request URI until it is used
 * once at {@code /authorize} or expires. Thread-safe.
 */
final class PushedRequests {

    /** RFC 9126 2.2: the URN prefix of request URIs the provider issues. */
    static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    /** A bound on what a client can make the provider keep: expired entries are dropped first. */
    static final int MAX_PENDING = 10_000;

    /**
     * One pushed request.
     *
     * @param clientId   the authenticated client that pushed it
     * @param parameters its authorization request parameters, one value each
     * @param expiresAt  when its request URI stops being accepted
     */
    record Pushed(String clientId, Map<String, List<String>> parameters, Instant expiresAt) {
        Pushed {
            parameters = Map.copyOf(new LinkedHashMap<>(parameters));
        }
    }

    private final Map<String, Pushed> byRequestUri = new ConcurrentHashMap<>();

    /**
     * @param pushed the request to keep
     * @return its new request URI, or {@code null} when too many requests are pending
     */
    String add(Pushed pushed) {
        if (byRequestUri.size() >= MAX_PENDING) {
            Instant now = Instant.now();
            byRequestUri.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (byRequestUri.size() >= MAX_PENDING) {
                return null;
            }
        }
        String requestUri = REQUEST_URI_PREFIX + Randoms.token(24);
        byRequestUri.put(requestUri, pushed);
        return requestUri;
    }

    /**
     * Takes a request out of circulation: a request URI is good for one authorization request, right or wrong
     * (RFC 9126 4 recommends one use).
     *
     * @param requestUri a request URI from an authorization request
     * @return what was pushed under it, or {@code null} when it is unknown or was used
     */
    Pushed take(String requestUri) {
        return byRequestUri.remove(requestUri);
    }
}
