package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;
import java.util.function.Function;

/**
 * A sign-out the app asks for itself ({@code HttpServletRequest.logout()}, which reaches the mechanism's
 * {@code cleanSubject}): the Passage session ends, and then, as at the logout path, the tokens it held are revoked
 * (RFC 7009) by the definition the caller signed in with. No end-session request: the app answers the browser.
 */
final class LocalSignOut {

    private LocalSignOut() {
    }

    /**
     * @param request the request being signed out
     * @param response its response
     * @param callers where the session is kept
     * @param logoutOf the logout stage of the definition a caller signed in with, if it still exists
     */
    static void signOut(HttpServletRequest request, HttpServletResponse response, CallerStore callers,
            Function<SignedInCaller, Optional<Logout>> logoutOf) {
        Optional<SignedInCaller> signedOut = callers.load(request);
        callers.clear(request, response);
        // after the clear: a slow provider cannot keep the session alive, it only delays this request (timeouts)
        signedOut.ifPresent(caller -> logoutOf.apply(caller)
                .ifPresent(logout -> logout.revokeAfterLocalSignOut(caller)));
    }
}
