package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Collections;
import java.util.Optional;

/**
 * Keeps the caller in the container's HTTP session, so it replicates with the session in a cluster. A logout also
 * lists the sign-in as ended ({@link Logouts}): a replicating server may let another node serve its own copy of a
 * session ended here for a while (Payara's Hazelcast replication does), and the shared list closes that gap.
 */
final class HttpSessionCallerStore implements CallerStore {

    static final String ATTRIBUTE = "io.github.passage4j.caller";

    private final Logouts logouts;

    HttpSessionCallerStore(Logouts logouts) {
        this.logouts = logouts;
    }

    @Override
    public Optional<SignedInCaller> load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof SignedInCaller caller
                    ? Optional.of(caller) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public boolean showsOthersUpdates() {
        return true;
    }

    @Override
    public void establish(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        request.getSession(true);
        request.changeSessionId();
        SessionCookieHardening.completeSessionCookie(request, response);
        request.getSession().setAttribute(ATTRIBUTE, caller);
    }

    @Override
    public void update(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            session.setAttribute(ATTRIBUTE, caller);
        } catch (IllegalStateException invalidated) {
            // signed out meanwhile: nothing to update
        }
    }

    /**
     * Empties the session and gives it a new id instead of invalidating it: the request goes on to a sign-in that
     * needs a session, and WildFly 39 leaves a distributable session locked when one request invalidates a session
     * and creates another, so that the next request for it on another node waits for the lock and fails.
     */
    @Override
    public void expire(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            forget(request, response, session);
        } catch (IllegalStateException invalidated) {
            // ended meanwhile by another request: nothing left to forget
        }
    }

    /**
     * A logout forgets the session as {@link #expire} does, never invalidating it: the mechanism runs inside the
     * request, and a session invalidated there breaks Weld's lazy conversation context on WildFly (WELD-000717 when
     * the request ends, WELD-000335 on the worker thread's next request). Every attribute goes, and the old id stops
     * naming a session, so a stolen or replayed session cookie finds nothing.
     */
    @Override
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        Optional<SignedInCaller> caller = load(request);
        try {
            forget(request, response, session);
        } catch (IllegalStateException alreadyInvalidated) {
            // nothing left to clear
        }
        // recorded after the local clear: an outage of the shared list (503) must not leave the user signed in here
        caller.ifPresent(logouts::signInEnded);
    }

    private static void forget(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        for (String name : Collections.list(session.getAttributeNames())) {
            session.removeAttribute(name);
        }
        request.changeSessionId();
        SessionCookieHardening.completeSessionCookie(request, response);
    }
}
