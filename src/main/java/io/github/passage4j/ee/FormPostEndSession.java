package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionRequest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code passage.end-session-method=post}, the default: an auto-submitted form ({@link SelfSubmittingForm}), which keeps the
 * ID token out of every URL (RP-Initiated Logout 1.0 section 2 allows POST).
 */
final class FormPostEndSession implements EndSessionDelivery {

    static final FormPostEndSession INSTANCE = new FormPostEndSession();

    private static final SelfSubmittingForm.Page PAGE = new SelfSubmittingForm.Page("Signing out", "end-session",
            "You are signed out of this app.", "Sign out at the provider too", false);

    private FormPostEndSession() {
    }

    @Override
    public AuthenticationStatus send(HttpServletResponse response, EndSessionRequest request) {
        return SelfSubmittingForm.send(response, PAGE, request.endpoint(), request.parameters());
    }
}
