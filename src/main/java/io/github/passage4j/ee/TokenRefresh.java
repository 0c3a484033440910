package io.github.passage4j.ee;

import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedIdToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stage "refresh" (OIDC Core 12): a signed-in caller whose access token is about to expire gets fresh tokens before
 * the request is served. One refresh at a time per session: providers rotate refresh tokens, so a second refresh
 * with the same token would be refused and end the session. Requests arriving meanwhile use the old tokens while
 * they are valid, else wait briefly for the refresh in progress.
 *
 * <p>Within this JVM, a map of refreshes in progress serialises them. Across the nodes of a cluster (a replicated
 * session, or a stateless cookie sent to two nodes at once), a lease per sign-in in the shared ended-sessions store
 * does ({@link Logouts#refreshLease}): the node that does not get it serves the tokens it has while they are valid,
 * else waits briefly for the other node's refresh to reach its copy of the session (a replicated one; a cookie never
 * shows it); without a shared store there is no other node to ask, and every lease is granted. After a refresh the
 * lease is kept for the hand-over's time, so that a request still carrying the old tokens never makes another node
 * spend the rotated refresh token. A request whose tokens expired while a refresh is in flight is answered 503
 * ({@link RefreshInProgressException}), never by ending the session: that would race the refresh's new cookie.
 */
final class TokenRefresh {

    private static final System.Logger LOG = System.getLogger(TokenRefresh.class.getName());

    private final PassageSettings settings;
    private final OpenIdProvider provider;
    private final CallerEstablishment establishment;
    private final CallerStore callers;
    private final Clock clock;
    /** The refresh in progress per sign-in ({@link SignedInCaller#sessionKey()}); an entry lives only while it runs. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inProgress = new ConcurrentHashMap<>();
    /** How long a refresh is handed to requests still carrying the caller from before it. */
    private static final Duration RECENT = Duration.ofMinutes(1);
    private static final int MAX_RECENT = 10_000;
    private final ConcurrentHashMap<String, RecentRefresh> recentRefreshes = new ConcurrentHashMap<>();

    /** How often a node waiting for another node's refresh looks at its copy of the session again. */
    static final Duration POLL = Duration.ofMillis(100);

    /** Waits between two looks at the session; {@code Thread::sleep} but in tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Logouts leases;
    private final Pause pause;

    TokenRefresh(PassageSettings settings, OpenIdProvider provider, CallerEstablishment establishment,
                 CallerStore callers, Logouts leases, Clock clock) {
        this(settings, provider, establishment, callers, leases, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    TokenRefresh(PassageSettings settings, OpenIdProvider provider, CallerEstablishment establishment,
                 CallerStore callers, Logouts leases, Clock clock, Pause pause) {
        this.settings = settings;
        this.provider = provider;
        this.establishment = establishment;
        this.callers = callers;
        this.leases = leases;
        this.clock = clock;
        this.pause = pause;
    }

    /** The longest a refresh takes (two reads, connecting included), and how long one may make others wait. */
    private Duration refreshBound() {
        return settings.client().readTimeout().multipliedBy(2);
    }

    /** Whether the caller has a refresh token and its tokens expire within {@code tokenMinValidity}. */
    boolean isDue(SignedInCaller caller) {
        return caller.tokens() != null && caller.tokens().getRefreshToken().isPresent()
                && !clock.instant().plus(settings.tokenMinValidity()).isBefore(caller.tokensExpireAt());
    }

    /**
     * @return the caller to serve the request with: refreshed, or as before when the refresh failed or another
     *         request is doing it; empty when the session ended (the refreshed ID token was not the original's)
     */
    Optional<SignedInCaller> refresh(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        // per sign-in, not per HTTP session: a stateless session has none
        String sessionId = caller.sessionKey();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inProgress.putIfAbsent(sessionId, mine);
        if (running != null) {
            return awaitOther(request, response, caller, running);
        }
        try {
            // re-check under the lock: another request may have refreshed since this one loaded the caller
            Optional<SignedInCaller> current = callers.load(request);
            if (current.isEmpty() || !isDue(current.get())) {
                return current;
            }
            Optional<SignedInCaller> newer = recentlyRefreshed(current.get());
            if (newer.isPresent()) {
                // a request that still carried the old session cookie (stateless mode): hand it the new one
                callers.update(request, response, newer.get());
                return newer;
            }
            return refreshOnOneNode(request, response, current.get());
        } finally {
            inProgress.remove(sessionId, mine);
            mine.complete(null);
        }
    }

    /**
     * A refresh this node did for the same sign-in moments ago. A stateless session's old cookie may still arrive
     * (requests sent before the new cookie was received); refreshing again would spend the rotated refresh token.
     */
    private Optional<SignedInCaller> recentlyRefreshed(SignedInCaller caller) {
        RecentRefresh recent = recentRefreshes.get(caller.sessionKey());
        if (recent == null || !recent.caller().tokensExpireAt().isAfter(caller.tokensExpireAt())
                || clock.instant().isAfter(recent.at().plus(RECENT))) {
            return Optional.empty();
        }
        return Optional.of(recent.caller());
    }

    private void remember(SignedInCaller refreshed) {
        Instant now = clock.instant();
        recentRefreshes.values().removeIf(recent -> now.isAfter(recent.at().plus(RECENT)));
        if (recentRefreshes.size() < MAX_RECENT) {
            recentRefreshes.put(refreshed.sessionKey(), new RecentRefresh(refreshed, now));
        }
    }

    private record RecentRefresh(SignedInCaller caller, Instant at) {
    }

    /**
     * Another request of this node refreshes: the old tokens serve while valid, else the request waits for it and
     * takes its result through the hand-over ({@link #recentlyRefreshed}), not from the store, which may show only
     * what this request carried (a cookie). It never ends the session because of a refresh still in flight.
     */
    private Optional<SignedInCaller> awaitOther(HttpServletRequest request, HttpServletResponse response,
                                                SignedInCaller caller, CompletableFuture<Void> running) {
        if (clock.instant().isBefore(caller.tokensExpireAt())) {
            return Optional.of(caller);
        }
        try {
            running.get(refreshBound().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            throw inProgress();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw inProgress();
        }
        Optional<SignedInCaller> newer = recentlyRefreshed(caller);
        if (newer.isPresent()) {
            callers.update(request, response, newer.get());
            return newer;
        }
        // the other request's refresh failed or ended the session: as the store has it now, where it can tell
        return callers.showsOthersUpdates() ? callers.load(request) : Optional.of(caller);
    }

    private static RefreshInProgressException inProgress() {
        LOG.log(System.Logger.Level.DEBUG, "Passage4J: tokens expired while another request refreshes them; "
                + "answered 503 so that the browser keeps its session and retries");
        return new RefreshInProgressException();
    }

    /**
     * How long a node keeps the lease after its refresh: the hand-over's time, so that another node serves or
     * defers requests still carrying the old tokens instead of spending the rotated refresh token; but never past the
     * moment the new tokens are due themselves, so that their own refresh is not held up.
     */
    private Instant leaseHeldUntil(SignedInCaller refreshed, Instant refreshedAt) {
        Instant due = refreshed.tokensExpireAt().minus(settings.tokenMinValidity());
        Instant recentEnd = refreshedAt.plus(RECENT);
        Instant end = due.isBefore(recentEnd) ? due : recentEnd;
        return end.isAfter(refreshedAt) ? end : Instant.EPOCH;
    }

    /** Refreshes if this node gets the sign-in's lease; else leaves the refresh to the node that holds it. */
    private Optional<SignedInCaller> refreshOnOneNode(HttpServletRequest request, HttpServletResponse response,
                                                      SignedInCaller caller) {
        Instant until = clock.instant().plus(refreshBound());
        if (leases.refreshLease(caller, until)) {
            try {
                return refreshNow(request, response, caller);
            } finally {
                Optional<SignedInCaller> refreshed = recentlyRefreshed(caller);
                if (refreshed.isPresent()) {
                    leases.refreshSucceeded(caller, until, leaseHeldUntil(refreshed.get(), clock.instant()));
                } else {
                    leases.refreshFailed(caller, until);
                }
            }
        }
        if (clock.instant().isBefore(caller.tokensExpireAt())) {
            return Optional.of(caller);
        }
        if (!callers.showsOthersUpdates()) {
            // a stateless cookie: the other node's refresh reaches this browser in that node's response, never here
            throw inProgress();
        }
        // the tokens expired: the other node's refresh, once it reaches this node's copy of the session, serves
        try {
            for (Duration waited = Duration.ZERO; waited.compareTo(refreshBound()) < 0; waited = waited.plus(POLL)) {
                pause.pause(POLL);
                Optional<SignedInCaller> reread = callers.load(request);
                if (reread.isEmpty() || !isDue(reread.get())) {
                    return reread;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        throw inProgress();
    }

    private Optional<SignedInCaller> refreshNow(HttpServletRequest request, HttpServletResponse response,
                                                SignedInCaller caller) {
        TokenResponse tokens;
        try {
            tokens = provider.refresh(caller.tokens().getRefreshToken().orElseThrow(), caller.dpopKeyOrNull());
        } catch (ProviderRejectedException refused) {
            // RFC 6749 5.2 invalid_grant and the like: the refresh token is spent; keep the session until its
            // tokens expire, without asking again on every request
            LOG.log(System.Logger.Level.INFO, "Passage4J: refresh refused; the session lasts until its tokens expire: "
                    + refused.getMessage());
            SignedInCaller withoutRefresh = caller.withoutRefreshToken();
            callers.update(request, response, withoutRefresh);
            return Optional.of(withoutRefresh);
        } catch (ProviderUnavailableException unavailable) {
            // logged once by the OpenID core; the next request tries again
            return Optional.of(caller);
        }
        ValidatedIdToken idToken = null;
        try {
            if (tokens.idToken() != null) {
                // OIDC Core 12.2: iss, sub, aud and azp must be those of the original ID token
                idToken = provider.validateRefreshedIdToken(tokens.idToken(), caller.idToken(), tokens.accessToken());
            }
            SignedInCaller refreshed = establishment.refreshed(caller, idToken, tokens);
            callers.update(request, response, refreshed);
            remember(refreshed);
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: tokens of {0} refreshed", caller.profile());
            return Optional.of(refreshed);
        } catch (ProviderRejectedException rejected) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: refreshed ID token refused; the session ends: "
                    + rejected.getMessage());
            callers.expire(request, response);
            return Optional.empty();
        } catch (ProviderUnavailableException unavailable) {
            return Optional.of(caller);
        }
    }
}
