package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * Stage "a caller already signed in": the session's caller, if it is still signed in. It is not when a back-channel
 * logout ended its provider session or subject after it signed in, or (by default) when its tokens expired and
 * could not be refreshed; then the session is cleared and the request is anonymous, so a protected page starts a
 * new sign-in. Tokens about to expire are refreshed first.
 */
final class SignedInSession {

    private static final System.Logger LOG = System.getLogger(SignedInSession.class.getName());

    private final PassageSettings settings;
    private final CallerStore callers;
    private final EndedSessions endedSessions;
    private final TokenRefresh refresh;
    private final Clock clock;

    SignedInSession(PassageSettings settings, CallerStore callers, EndedSessions endedSessions, TokenRefresh refresh,
                    Clock clock) {
        this.settings = settings;
        this.callers = callers;
        this.endedSessions = endedSessions;
        this.refresh = refresh;
        this.clock = clock;
    }

    Optional<SignedInCaller> current(HttpServletRequest request, HttpServletResponse response) {
        Optional<SignedInCaller> loaded = callers.load(request);
        if (loaded.isEmpty()) {
            return loaded;
        }
        SignedInCaller caller = loaded.get();
        // Back-Channel Logout 1.0 section 2.7: the provider ended this session (by sid) or all of the subject's
        if (endedSessions.isEnded(caller.sessionId(), caller.subject(), caller.signedInAt())) {
            LOG.log(System.Logger.Level.INFO, "Passage4J: session of " + caller.profile()
                    + " ended by a back-channel logout");
            callers.clear(request, response);
            return Optional.empty();
        }
        if (refresh.isDue(caller)) {
            Optional<SignedInCaller> refreshed = refresh.refresh(request, response, caller);
            if (refreshed.isEmpty()) {
                return refreshed;
            }
            caller = refreshed.get();
        }
        if (settings.endSessionAtTokenExpiry() && !clock.instant().isBefore(caller.tokensExpireAt())) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: session of {0} ended: its tokens expired",
                    caller.profile());
            callers.clear(request, response);
            return Optional.empty();
        }
        return Optional.of(caller);
    }
}
