package io.github.passage4j.provider;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti} of every request object accepted, until the object expires, so that a request object captured in
 * a browser's history or a log cannot start a second sign-in (RFC 9101 10.2 "replay", RFC 7519 4.1.7). Shared by
 * {@code /authorize} and {@code /par}: an object pushed once cannot also be sent through the front channel.
 *
 * <p>Only signature-verified objects are remembered, so only a client can fill this with its own {@code jti}s, and
 * each for at most the request object's lifetime (60 minutes at the most, {@link RequestObjectVerifier#MAX_LIFETIME}).
 */
final class RequestObjectReplays {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /**
     * Remembers a verified request object's {@code jti}.
     *
     * @param clientId  the client that signed it; another client's equal {@code jti} is a different one
     * @param jti       its {@code jti}
     * @param expiresAt its {@code exp}, after which it is refused as expired anyway and need not be remembered
     * @param now       the provider's clock
     * @return whether this is the first use; {@code false} for a replay
     */
    boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        seen.values().removeIf(expiry -> !now.isBefore(expiry));
        // the length prefix keeps "a b" + "c" apart from "a" + "b c"
        return seen.putIfAbsent(clientId.length() + ":" + clientId + jti, expiresAt) == null;
    }

    /** @return how many {@code jti}s are remembered, for tests */
    int size() {
        return seen.size();
    }
}
