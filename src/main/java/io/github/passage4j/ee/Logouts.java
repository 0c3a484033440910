package io.github.passage4j.ee;

import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;

/**
 * What logouts end, recorded in the app's {@link EndedSessions}: a provider session ({@code sid}) or every session
 * of a subject ({@code sub}) named by a definition's back-channel logout, or one sign-in here ended by a local
 * logout. Keys are per definition, since a {@code sid} or {@code sub} of one provider says nothing about another's.
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

    /** Back-Channel Logout 1.0 section 2.4: the provider ended its session {@code sid}. */
    void providerSessionEnded(String definition, String sid) {
        ended.end(key("sid", definition, sid), clock.instant());
    }

    /** Back-Channel Logout 1.0 section 2.4: the provider ended every session of {@code sub}. */
    void subjectEnded(String definition, String sub) {
        ended.end(key("sub", definition, sub), clock.instant());
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

    /** {@code kind:definition:id}; a definition name has no colon, so keys of different ids never meet. */
    static String key(String kind, String definition, String id) {
        String key = kind + ":" + (definition == null ? "" : definition) + ":" + id;
        return key.length() <= MAX_KEY_LENGTH ? key : kind + ":" + definition + ":#" + sha256(id);
    }

    private static String sha256(String text) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).toString();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
