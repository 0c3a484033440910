package io.github.passage4j.ee;

import java.time.Instant;

/**
 * The provider sessions and subjects a back-channel logout ended, with when. A session cannot be reached from the
 * logout request that ends it (it belongs to another browser), so every request of a signed-in session asks here
 * and clears the session when it was ended after its sign-in.
 *
 * <p>Kept small on purpose: a cluster shares this list by implementing these three methods over a shared store.
 */
interface EndedSessions {

    /**
     * Records the end of every session signed in before {@code at} with this provider session id ({@code sid}).
     */
    void endSession(String sessionId, Instant at);

    /** Records the end of every session of this subject signed in before {@code at}. */
    void endSubject(String subject, Instant at);

    /**
     * @param sessionId  the session's {@code sid}, or null when its ID token had none
     * @param subject    the session's {@code sub}
     * @param signedInAt when the session signed in
     * @return whether a logout recorded at or after {@code signedInAt} names the session's {@code sid} or {@code sub}
     */
    boolean isEnded(String sessionId, String subject, Instant signedInAt);
}
