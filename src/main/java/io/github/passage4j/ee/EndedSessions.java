package io.github.passage4j.ee;

import java.time.Instant;

/**
 * The sessions a logout ended, with when (and the logout tokens received, so that each is used once): a map from a key naming what ended (see {@link Logouts}) to the time of
 * its latest logout. A session cannot always be reached from the request that ends it (a back-channel logout comes
 * from the provider, not the browser; a stateless session lives in the browser), so every request of a signed-in
 * session asks here and ends the session when it was ended after its sign-in.
 *
 * <p>A few methods, so a cluster shares the list by implementing them over its own distributed cache
 * ({@link SharedEndedSessions}); {@link InMemoryEndedSessions} serves one node.
 */
interface EndedSessions {

    /** Records that what {@code key} names ended at {@code at}; a later time recorded before is kept. */
    void end(String key, Instant at);

    /** Whether what {@code key} names ended at or after {@code since} (and the record has not expired). */
    boolean endedSince(String key, Instant since);

    /**
     * Records one use of a one-time key, such as a logout token's {@code jti} (Back-Channel Logout 2.6 step 8), in
     * the same store, so that a replay to another node sharing it is seen too. Atomic across those nodes.
     *
     * @param key         the key, in a namespace of its own (see {@link Logouts#replayGuard(String)})
     * @param forgetAfter when the use may be forgotten: once a replay would be refused for other reasons anyway
     * @return true on the first use, false if the key was used before and is not yet forgotten
     */
    boolean firstUse(String key, Instant forgetAfter);

    /**
     * Takes the lease of a task only one node at a time may do (a refresh of one sign-in: providers rotate refresh
     * tokens, and the second node to refresh would spend one already spent) until {@code until} or
     * {@link #release}. A list kept in this JVM only grants every lease: the JVM's own refresh lock serialises its
     * requests, and there is no other node it could know of.
     *
     * @return whether this caller holds the lease now
     */
    boolean lease(String key, Instant until);

    /**
     * Moves the end of a lease taken with {@code until} to {@code end}: to the past to give it back (the lease is
     * removed), or later to keep other nodes off a task just done (a refresh whose old tokens may still arrive). Best
     * effort: it ends anyway.
     */
    void moveLeaseEnd(String key, Instant until, Instant end);

    /** Ends the threads this list runs of its own, when the app stops; the records stay in a shared cache. */
    default void close() {
    }
}
