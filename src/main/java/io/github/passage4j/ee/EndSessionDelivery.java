package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionMethod;
import io.github.passage4j.oidc.EndSessionRequest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One way of sending the browser on to the provider's end-session endpoint, one per {@link EndSessionMethod}; the
 * one place that picks it is {@link #of(EndSessionMethod)}.
 */
interface EndSessionDelivery {

    /**
     * Answers the logout request so that the browser takes {@code request} to the provider.
     *
     * @param response the response to the logout request
     * @param request the end-session endpoint and parameters
     * @return the status for the container
     */
    AuthenticationStatus send(HttpServletResponse response, EndSessionRequest request);

    /**
     * @param method the configured method ({@code passage.end-session-method})
     * @return the delivery for it
     */
    static EndSessionDelivery of(EndSessionMethod method) {
        return switch (method) {
            case POST -> FormPostEndSession.INSTANCE;
            case GET -> RedirectEndSession.INSTANCE;
        };
    }
}
