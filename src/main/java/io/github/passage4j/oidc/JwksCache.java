package io.github.passage4j.oidc;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The provider's signing keys from {@code jwks_uri}, fetched on first need and kept.
 *
 * <p>When no cached key fits a token (typically an unknown {@code kid} after the provider rotated
 * its keys), the set is fetched again, but at most once per refetch window: otherwise anyone could
 * make us hit the provider once per request by sending tokens with made-up key ids. The first fetch
 * does not count against the window, so a rotation soon after start-up is still picked up.
 *
 * <p>The set is due for a fetch at its maximum age, so that keys the provider withdrew stop being trusted
 * eventually: the configured one, or the {@code Cache-Control: max-age} of the answer if that is shorter (but not
 * shorter than the refetch window). From 90% of that age on, one fetch at a time runs in the background while requests keep using the
 * current set. Past the maximum age (an idle application, or a provider that did not answer the background
 * fetch) one request at a time fetches the set before using it, no more often than the failure back-off allows;
 * the others, and that one if the fetch fails, use the stale set. An outage of {@code jwks_uri} therefore fails no
 * request until the set is older than its maximum age plus the stale limit: the keys a provider signs with are
 * rotated over days, not minutes, and failing every sign-in because the key server blinked would be worse than
 * trusting hour-old keys a while longer. The outage is logged once, not per attempt. Past the stale limit a request
 * fetches the set itself, and fails as unavailable if it cannot. No request waits for another's fetch while a
 * usable set exists: only for the first fetch, one past the stale limit, and its own rate-limited refetch for an
 * unknown key (while another such refetch runs, it uses the set it has).
 */
final class JwksCache {

    /** @param maxAgeNanos this set's max age: the configured one, or less if the provider said so */
    private record Snapshot(List<JWK> keys, long fetchedAt, long maxAgeNanos) {
        List<JWK> matching(Predicate<JWK> wanted) {
            return keys.stream().filter(wanted).toList();
        }
    }

    private final ProviderHttp http;
    private final long refetchWindowNanos;
    private final long maxAgeNanos;
    private final long staleLimitNanos;
    private final FailureBackoff backoff;
    private final LongSupplier nanoTime;
    private final Runnable onFetchFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile CompletableFuture<Void> lastRefresh = CompletableFuture.completedFuture(null);
    private volatile OutageLog outageLog;
    private boolean refetchedBefore;
    private long lastRefetch;

    /**
     * @param onFetchFailure told of every failed fetch: the key set may have moved, so discovery may need a look
     */
    JwksCache(ProviderHttp http, Tuning tuning, FailureBackoff backoff, Runnable onFetchFailure) {
        this.http = http;
        this.refetchWindowNanos = tuning.jwksRefetchWindow().toNanos();
        this.maxAgeNanos = tuning.jwksMaxAge().toNanos();
        this.staleLimitNanos = tuning.jwksStaleLimit().toNanos();
        this.backoff = backoff;
        this.nanoTime = tuning.nanoTime();
        this.onFetchFailure = onFetchFailure;
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

    /** The background refresh started last, done or not (for tests, which wait for it instead of sleeping). */
    CompletableFuture<Void> lastRefresh() {
        return lastRefresh;
    }

    private Snapshot current(URI jwksUri) throws ProviderUnavailableException {
        Snapshot known = snapshot;
        if (known != null) {
            long age = nanoTime.getAsLong() - known.fetchedAt();
            long maxAge = known.maxAgeNanos();
            if (age < maxAge - maxAge / 10) {
                return known;
            }
            if (age < maxAge) {
                refreshInBackground(jwksUri);
                return known;
            }
            if (age < maxAge + staleLimitNanos) {
                return refreshedOrStale(jwksUri, known);
            }
        }
        lock.lock();
        try {
            Snapshot again = snapshot;
            if (again != null && again != known) {
                // another thread fetched while we waited: its keys are as new as ours would be
                return again;
            }
            return fetch(jwksUri, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Past its max age the set is fetched before use, so that withdrawn keys stop being trusted, by one request
     * at a time and not within a failure back-off; meanwhile, and when the fetch fails, the stale set serves.
     */
    private Snapshot refreshedOrStale(URI jwksUri, Snapshot stale) {
        if (backoff.failedRecently() || !lock.tryLock()) {
            return stale;
        }
        try {
            if (snapshot != stale) {
                return snapshot;
            }
            return fetch(jwksUri, false);
        } catch (ProviderUnavailableException e) {
            outageLog(jwksUri).failed(e, staleConsequence());
            return stale;
        } finally {
            lock.unlock();
        }
    }

    private String staleConsequence() {
        return "the cached keys stay in use for up to " + Duration.ofNanos(staleLimitNanos).toMinutes()
                + " min past their max age";
    }

    private Snapshot refetch(URI jwksUri, Snapshot seen) throws ProviderUnavailableException {
        if (!lock.tryLock()) {
            // a fetch is running; waiting for it would let forged key ids queue up threads
            return seen;
        }
        try {
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
            return fetch(jwksUri, true);
        } finally {
            lock.unlock();
        }
    }

    private void refreshInBackground(URI jwksUri) {
        if (backoff.failedRecently() || !refreshing.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastRefresh = done;
        boolean started = http.inBackground(() -> {
            try {
                snapshot = download(jwksUri, false);
                backoff.clear();
                outageLog(jwksUri).recovered();
            } catch (ProviderUnavailableException e) {
                backoff.record(e);
                outageLog(jwksUri).failed(e, staleConsequence());
                onFetchFailure.run();
            } finally {
                refreshing.set(false);
                done.complete(null);
            }
        });
        if (!started) {
            refreshing.set(false);
            done.complete(null);
        }
    }

    /**
     * Called with the lock held.
     *
     * @param logged false where the caller logs the outage once instead
     */
    private Snapshot fetch(URI jwksUri, boolean logged) throws ProviderUnavailableException {
        try {
            backoff.throwIfRecent();
        } catch (ProviderRejectedException e) {
            throw new IllegalStateException("JWKS failures are never rejections", e);
        }
        try {
            Snapshot fresh = download(jwksUri, logged);
            snapshot = fresh;
            backoff.clear();
            outageLog(jwksUri).recovered();
            return fresh;
        } catch (ProviderUnavailableException e) {
            backoff.record(e);
            onFetchFailure.run();
            throw e;
        }
    }

    /**
     * The configured max age, shortened by the answer's {@code Cache-Control: max-age} (RFC 9111 5.2.2.1) but never
     * below the refetch window: a provider may ask to be asked sooner, not to be asked all the time.
     */
    private long maxAgeOf(HttpAnswer answer) {
        return answer.maxAge()
                .map(Duration::toNanos)
                .map(asked -> Math.max(refetchWindowNanos, Math.min(maxAgeNanos, asked)))
                .orElse(maxAgeNanos);
    }

    private OutageLog outageLog(URI jwksUri) {
        OutageLog log = outageLog;
        if (log == null) {
            // one per cache: the endpoint rarely moves, and a second instance after a move is harmless
            log = new OutageLog("jwks_uri (" + UriRules.forLog(jwksUri) + ")");
            outageLog = log;
        }
        return log;
    }

    private Snapshot download(URI jwksUri, boolean logged) throws ProviderUnavailableException {
        HttpAnswer answer = logged ? http.get(jwksUri, "jwks_uri") : http.getUnlogged(jwksUri, "jwks_uri");
        if (!answer.isSuccess()) {
            throw Failures.unavailable("jwks_uri (" + UriRules.forLog(jwksUri) + ") answered HTTP " + answer.status(),
                    null, logged);
        }
        try {
            List<JWK> keys = JwksDocument.verificationKeys(answer.bodyText());
            return new Snapshot(keys, nanoTime.getAsLong(), maxAgeOf(answer));
        } catch (ParseException e) {
            throw Failures.unavailable("jwks_uri (" + UriRules.forLog(jwksUri) + ") did not answer with a JWK Set",
                    null, logged);
        }
    }
}
