package io.github.passage4j.ee;

import io.github.passage4j.oidc.LogoutToken;
import io.github.passage4j.oidc.ReplayGuard;
import io.github.passage4j.oidc.SignInSecrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What logouts end, recorded in the app's {@link EndedSessions}: a provider session ({@code sid}) or every session
 * of a subject ({@code sub}) named by a definition's back-channel logout, or one sign-in here ended by a local
 * logout. Keys are per definition, since a {@code sid} or {@code sub} of one provider says nothing about another's.
 * The same store keeps what must happen once across the nodes sharing it: each logout token's use, and the lease of
 * a sign-in's refresh.
 */
final class Logouts {

    /** Keys longer than this (a provider may send long ids) are stored as their hash, keeping shared caches small. */
    private static final int MAX_KEY_LENGTH = 200;

    private final EndedSessions ended;
    private final Clock clock;

    Logouts(EndedSessions ended, Clock clock) {
        this.ended = ended;
        this.clock = clock;
    }

    /**
     * Back-Channel Logout 1.0 section 2.7: with a {@code sid}, the provider ended that session; with a {@code sub}
     * only, every session of the subject. Recorded at the token's {@code iat}, when the provider ended it, rather
     * than at its delivery, so that a late (retried) delivery does not end a session signed in after the logout.
     * But {@code iat} is whole seconds of the provider's clock and a sign-in time is this node's: within the clock
     * skew allowed the two cannot be ordered, so the logout counts from {@code iat} plus the skew, and never from
     * later than now (a prompt delivery ends exactly what was signed in before it arrived, as ever). A session
     * signed in before the logout is ended either way (fail closed).
     */
    void backChannelLogout(String definition, LogoutToken token, Duration clockSkew) {
        Instant latestPossible = token.issuedAt().plus(clockSkew);
        Instant now = clock.instant();
        Instant at = now.isBefore(latestPossible) ? now : latestPossible;
        if (token.sessionId() != null) {
            ended.end(key("sid", definition, token.sessionId()), at);
        } else {
            ended.end(key("sub", definition, token.subject()), at);
        }
    }

    /**
     * Back-Channel Logout 1.0 section 2.6 step 8: the logout tokens of a definition's provider received by this app,
     * kept in the same store as the ended sessions, so that a token replayed to another node of a cluster is
     * refused there too.
     */
    ReplayGuard replayGuard(String definition) {
        return (issuer, jwtId, forgetAfter) -> ended.firstUse(key("jti", definition, issuer + " " + jwtId),
                forgetAfter);
    }

    /** A local logout of one sign-in, which must also end copies of it (a stateless cookie) on every node. */
    void signInEnded(SignedInCaller caller) {
        if (caller.sessionKey() != null && !caller.sessionKey().isEmpty()) {
            ended.end(key("local", caller.definition(), caller.sessionKey()), clock.instant());
        }
    }

    /**
     * Back-Channel Logout 1.0 section 2.7: whether a logout after the caller's sign-in ended its provider session,
     * its subject or this sign-in.
     */
    boolean isEnded(SignedInCaller caller) {
        String definition = caller.definition();
        return (caller.sessionId() != null
                    && ended.endedSince(key("sid", definition, caller.sessionId()), caller.signedInAt()))
                || ended.endedSince(key("sub", definition, caller.subject()), caller.signedInAt())
                || (caller.sessionKey() != null && !caller.sessionKey().isEmpty()
                    && ended.endedSince(key("local", definition, caller.sessionKey()), caller.signedInAt()));
    }

    /**
     * The lease of the refresh of one sign-in across the nodes sharing the ended sessions (see
     * {@link EndedSessions#lease}), until {@code until}.
     */
    boolean refreshLease(SignedInCaller caller, Instant until) {
        return ended.lease(key("refresh", caller.definition(), caller.sessionKey()), until);
    }

    /** Gives the lease back: the refresh failed, and another node may try. */
    void refreshFailed(SignedInCaller caller, Instant until) {
        ended.moveLeaseEnd(key("refresh", caller.definition(), caller.sessionKey()), until, Instant.EPOCH);
    }

    /**
     * Keeps the lease until {@code heldUntil} after a refresh: requests still carrying the old tokens (a stateless
     * cookie sent before the new one arrived) must not make another node spend the rotated refresh token.
     */
    void refreshSucceeded(SignedInCaller caller, Instant until, Instant heldUntil) {
        ended.moveLeaseEnd(key("refresh", caller.definition(), caller.sessionKey()), until, heldUntil);
    }

    /** {@code kind:definition:id}; a definition name has no colon, so keys of different ids never meet. */
    static String key(String kind, String definition, String id) {
        String key = kind + ":" + (definition == null ? "" : definition) + ":" + id;
        return key.length() <= MAX_KEY_LENGTH ? key
                : kind + ":" + definition + ":#" + SignInSecrets.sha256Base64Url(id);
    }
}
