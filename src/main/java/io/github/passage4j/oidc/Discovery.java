package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Fetches the provider's configuration and keeps it; a failed first fetch is retried by a later caller once the
 * {@link FailureBackoff} window has passed. Fetches that no caller waits for are serialised, so a crowd of first
 * sign-ins causes a single discovery request.
 *
 * <p>A known configuration is fetched again in the background, while callers keep using it, once it is older
 * than its maximum age (a provider may move its endpoints), and when an endpoint it names fails
 * ({@link #endpointFailed()}): the endpoint may have moved. Such re-discoveries run one at a time, not within a
 * back-off window of a failure or of the last fetch; until one succeeds, the known configuration stays in use.
 */
final class Discovery {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private record Known(ProviderMetadata metadata, long fetchedAt) {
    }

    private final ProviderHttp http;
    private final URI configuredIssuer;
    private final FailureBackoff backoff;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final OutageLog outageLog;
    private volatile Known known;
    private volatile CompletableFuture<Void> lastRefresh = CompletableFuture.completedFuture(null);

    Discovery(ProviderHttp http, URI configuredIssuer, FailureBackoff backoff, Tuning tuning) {
        this.http = http;
        this.configuredIssuer = configuredIssuer;
        this.backoff = backoff;
        this.maxAgeNanos = tuning.discoveryMaxAge().toNanos();
        this.nanoTime = tuning.nanoTime();
        this.outageLog = new OutageLog("discovery (" + UriRules.forLog(location()) + ")");
    }

    ProviderMetadata metadata() throws ProviderUnavailableException, ProviderRejectedException {
        Known current = known;
        if (current != null) {
            if (nanoTime.getAsLong() - current.fetchedAt() >= maxAgeNanos) {
                refreshInBackground();
            }
            return current.metadata();
        }
        synchronized (this) {
            if (known != null) {
                return known.metadata();
            }
            backoff.throwIfRecent();
            try {
                ProviderMetadata fetched = fetch(true);
                known = new Known(fetched, nanoTime.getAsLong());
                backoff.clear();
                return fetched;
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                backoff.record(e);
                throw e;
            }
        }
    }

    /**
     * Tells that an endpoint from the configuration failed to answer (token endpoint, {@code jwks_uri}): the
     * configuration is fetched again in the background, within the limits in the class documentation.
     */
    void endpointFailed() {
        Known current = known;
        if (current != null && nanoTime.getAsLong() - current.fetchedAt() >= backoff.windowNanos()) {
            refreshInBackground();
        }
    }

    /** The background re-discovery started last, done or not (for tests, which wait for it instead of sleeping). */
    CompletableFuture<Void> lastRefresh() {
        return lastRefresh;
    }

    private void refreshInBackground() {
        if (backoff.failedRecently() || !refreshing.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastRefresh = done;
        boolean started = http.inBackground(() -> {
            try {
                known = new Known(fetch(false), nanoTime.getAsLong());
                backoff.clear();
                outageLog.recovered();
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                // the known configuration stays in use; the back-off spaces the retries
                backoff.record(e);
                outageLog.failed(e, "the configuration discovered before stays in use");
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

    private URI location() {
        // OIDC Discovery 4.1: the path is appended to the issuer after removing any terminating slash
        return URI.create(UriRules.withoutTrailingSlash(configuredIssuer.toString()) + WELL_KNOWN);
    }

    private ProviderMetadata fetch(boolean logged) throws ProviderUnavailableException, ProviderRejectedException {
        URI location = location();
        HttpAnswer answer = logged ? http.get(location, "discovery") : http.getUnlogged(location, "discovery");
        if (!answer.isSuccess()) {
            // OIDC Discovery 4.2: a successful answer is 200 OK
            throw Failures.unavailable("discovery (" + UriRules.forLog(location) + ") answered HTTP "
                    + answer.status(), null, logged);
        }
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(answer.bodyText());
        } catch (ParseException e) {
            throw Failures.unavailable("discovery (" + UriRules.forLog(location)
                    + ") answered with something other than a JSON object", null, logged);
        }
        return DiscoveryDocument.parse(document, configuredIssuer);
    }
}
