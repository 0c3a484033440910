package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionRequest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code passage.end-session-method=get}: a redirect to the end-session endpoint with the parameters in its query
 * (RP-Initiated Logout 1.0 section 2 allows GET), for providers that refuse a POST there or ignore a posted
 * {@code post_logout_redirect_uri}. The ID token then travels in a URL; {@code Referrer-Policy: no-referrer} at
 * least keeps this app's page from passing it on, and it is never sent over plain http to a non-loopback host
 * ({@link EndSessionRequest}).
 */
final class RedirectEndSession implements EndSessionDelivery {

    static final RedirectEndSession INSTANCE = new RedirectEndSession();

    private RedirectEndSession() {
    }

    @Override
    public AuthenticationStatus send(HttpServletResponse response, EndSessionRequest request) {
        response.setHeader("Referrer-Policy", "no-referrer");
        return Responses.redirect(response, request.asQueryUrl().toString());
    }
}
