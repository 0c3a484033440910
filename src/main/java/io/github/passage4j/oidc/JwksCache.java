package io.github.passage4j.oidc;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The provider's signing keys from {@code jwks_uri}, fetched on first need and kept.
 *
 * <p>When no cached key fits a token (typically an unknown {@code kid} after the provider rotated
 * its keys), the set is fetched again, but at most once per refetch window: otherwise anyone could
 * make us hit the provider once per request by sending tokens with made-up key ids. The first fetch
 * does not count against the window, so a rotation soon after start-up is still picked up. The set
 * is also refreshed when older than a maximum age, so that keys the provider withdrew stop being
 * trusted eventually.
 */
final class JwksCache {

    private record Snapshot(List<JWK> keys, long fetchedAt) {
        List<JWK> matching(Predicate<JWK> wanted) {
            return keys.stream().filter(wanted).toList();
        }
    }

    private final ProviderHttp http;
    private final long refetchWindowNanos;
    private final long maxAgeNanos;
    private final FailureBackoff backoff;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private volatile Snapshot snapshot;
    private boolean refetchedBefore;
    private long lastRefetch;

    JwksCache(ProviderHttp http, Duration refetchWindow, Duration maxAge, FailureBackoff backoff, LongSupplier nanoTime) {
        this.http = http;
        this.refetchWindowNanos = refetchWindow.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
        this.backoff = backoff;
        this.nanoTime = nanoTime;
    }

    /**
     * The keys that satisfy {@code wanted}, refetching the set (within the rate limit) when none
     * of the cached keys does. Empty when the provider publishes no such key.
     */
    List<JWK> keys(URI jwksUri, Predicate<JWK> wanted) throws ProviderUnavailableException {
        Snapshot current = current(jwksUri);
        List<JWK> found = current.matching(wanted);
        if (!found.isEmpty()) {
            return found;
        }
        return refetch(jwksUri, current).matching(wanted);
    }

    /**
     * Keys that satisfy {@code wanted} and were not among {@code tried}, refetching the set (within the same rate
     * limit) when the cached set has none. For a token without {@code kid} that no cached key verifies: the provider
     * may have rotated in a key we have not fetched yet, and without a key id nothing else would tell us.
     */
    List<JWK> untriedKeys(URI jwksUri, Predicate<JWK> wanted, List<JWK> tried) throws ProviderUnavailableException {
        Predicate<JWK> untried = wanted.and(key -> !tried.contains(key));
        Snapshot current = current(jwksUri);
        List<JWK> found = current.matching(untried);
        if (!found.isEmpty()) {
            return found;
        }
        return refetch(jwksUri, current).matching(untried);
    }

    private Snapshot current(URI jwksUri) throws ProviderUnavailableException {
        Snapshot known = snapshot;
        if (known != null && !tooOld(known)) {
            return known;
        }
        synchronized (lock) {
            if (snapshot != null && !tooOld(snapshot)) {
                return snapshot;
            }
            return fetch(jwksUri);
        }
    }

    private Snapshot refetch(URI jwksUri, Snapshot seen) throws ProviderUnavailableException {
        synchronized (lock) {
            if (snapshot != seen) {
                // another thread refreshed while we looked: its keys are as new as ours would be
                return snapshot;
            }
            long now = nanoTime.getAsLong();
            if (refetchedBefore && now - lastRefetch < refetchWindowNanos) {
                return seen;
            }
            refetchedBefore = true;
            lastRefetch = now;
            return fetch(jwksUri);
        }
    }

    private boolean tooOld(Snapshot s) {
        return nanoTime.getAsLong() - s.fetchedAt() >= maxAgeNanos;
    }

    /** Called with the lock held. */
    private Snapshot fetch(URI jwksUri) throws ProviderUnavailableException {
        try {
            backoff.throwIfRecent();
        } catch (ProviderRejectedException e) {
            throw new IllegalStateException("JWKS failures are never rejections", e);
        }
        try {
            Snapshot fresh = new Snapshot(download(jwksUri), nanoTime.getAsLong());
            snapshot = fresh;
            backoff.clear();
            return fresh;
        } catch (ProviderUnavailableException e) {
            backoff.record(e);
            throw e;
        }
    }

    private List<JWK> download(URI jwksUri) throws ProviderUnavailableException {
        HttpAnswer answer = http.get(jwksUri, "jwks_uri");
        if (!answer.isSuccess()) {
            throw Failures.unavailable("jwks_uri (" + UriRules.forLog(jwksUri) + ") answered HTTP " + answer.status());
        }
        try {
            return JwksDocument.verificationKeys(answer.bodyText());
        } catch (ParseException e) {
            throw Failures.unavailable("jwks_uri (" + UriRules.forLog(jwksUri) + ") did not answer with a JWK Set");
        }
    }
}
