package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/** Keeps the established caller between requests of one browser. */
interface CallerStore {

    Optional<SignedInCaller> load(HttpServletRequest request);

    /**
     * Whether {@link #load} may show, later in the same request, a caller another request or node stored meanwhile
     * (a replicated HTTP session does); a store read once per request (a cookie) does not.
     */
    boolean showsOthersUpdates();

    /** Stores the caller after a sign-in, under a new session identity (session fixation defence). */
    void establish(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller);

    /**
     * Replaces the stored caller after its tokens were refreshed, in the same session (no new identity): storing it
     * again is what makes a replicated session see the new tokens.
     */
    void update(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller);

    /** Logout: forgets the caller and everything else this browser's session held. */
    void clear(HttpServletRequest request, HttpServletResponse response);

    /**
     * The caller's session ended while browsing (a logout elsewhere, expiry): forgets the caller and everything else
     * the session held, in a way that lets this same request start a new sign-in.
     */
    void expire(HttpServletRequest request, HttpServletResponse response);
}
