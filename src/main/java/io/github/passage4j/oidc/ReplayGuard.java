package io.github.passage4j.oidc;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers which tokens were used, so that a token can be accepted once only: for logout tokens,
 * keyed by issuer and {@code jti} (OpenID Connect Back-Channel Logout 1.0 2.6 step 8).
 *
 * <p>{@link #inMemory(int, Clock)} serves a single JVM. A cluster, where a replayed token may reach
 * another node, needs an implementation backed by a store all nodes share; it must make
 * {@link #firstUse} atomic across nodes.
 */
public interface ReplayGuard {

    /**
     * The default bound of {@link #inMemory(int, Clock)}: enough for ten thousand logouts within a
     * token's lifetime of a few minutes.
     */
    int DEFAULT_MAX_ENTRIES = 10_000;

    /**
     * Records one use of a token, atomically.
     *
     * @param issuer the token's {@code iss}
     * @param jwtId the token's {@code jti}
     * @param forgetAfter when the record may be dropped: the instant after which the token is
     *     refused for other reasons (expiry, age) anyway
     * @return true if this is the first use, false if the token was used before and not yet forgotten
     */
    boolean firstUse(String issuer, String jwtId, Instant forgetAfter);

    /**
     * A guard for a single JVM, holding at most {@code maxEntries} records. When it is full of
     * records not yet expired, the one closest to expiry is dropped to make room, so that a flood
     * of logouts never makes a valid one fail; only entries of signed, otherwise valid tokens are
     * ever recorded, so only the provider can cause such a flood.
     *
     * @param maxEntries the bound, at least 1
     * @param clock the source of the current time, to drop expired records
     * @return a new, empty guard
     * @throws IllegalArgumentException if maxEntries is less than 1
     */
    static ReplayGuard inMemory(int maxEntries, Clock clock) {
        return new InMemoryReplayGuard(maxEntries, clock);
    }
}
