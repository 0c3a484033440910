package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Duration;
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
    private final Logouts logouts;
    private final Duration maxAge;
    private final TokenRefresh refresh;
    private final Clock clock;

    SignedInSession(PassageSettings settings, CallerStore callers, Logouts logouts, TokenRefresh refresh,
                    Clock clock) {
        this.settings = settings;
        this.callers = callers;
        this.logouts = logouts;
        this.maxAge = settings.session().maxAge();
        this.refresh = refresh;
        this.clock = clock;
    }

    Optional<SignedInCaller> current(HttpServletRequest request, HttpServletResponse response) {
        Optional<SignedInCaller> loaded = callers.load(request);
        if (loaded.isEmpty()) {
            return loaded;
        }
        SignedInCaller caller = loaded.get();
        if (!clock.instant().isBefore(caller.signedInAt().plus(maxAge))) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: session of {0} ended: sessionMaxAge reached",
                    caller.profile());
            callers.expire(request, response);
            return Optional.empty();
        }
        // Back-Channel Logout 1.0 section 2.7: the provider ended this session (by sid) or all of the subject's;
        // or a local logout on another node ended this sign-in
        if (logouts.isEnded(caller)) {
            // the caller's name may be an email: personal data stays out of the log
            LOG.log(System.Logger.Level.INFO, "Passage4J: a session ended by a logout");
            callers.expire(request, response);
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
            callers.expire(request, response);
            return Optional.empty();
        }
        return Optional.of(caller);
    }
}
