package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionRequest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code passage.end-session-method=post}, the default: an auto-submitted form ({@link LogoutForm}), which keeps the
 * ID token out of every URL (RP-Initiated Logout 1.0 section 2 allows POST).
 */
final class FormPostEndSession implements EndSessionDelivery {

    static final FormPostEndSession INSTANCE = new FormPostEndSession();

    private FormPostEndSession() {
    }

    @Override
    public AuthenticationStatus send(HttpServletResponse response, EndSessionRequest request) {
        return LogoutForm.send(response, request.endpoint(), request.parameters());
    }
}
