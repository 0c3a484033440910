package io.github.passage4j.ee;

import io.github.passage4j.oidc.ResponseMode;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * The callback's side of a response mode: how the sign-in start binds the attempt to the browser beyond the
 * {@link SignInStateStore}, and which requests the callback lets through to the checks every mode shares (state,
 * mix-up, error, {@code iss}, code). One implementation per {@link ResponseMode}, chosen in {@link #of}.
 */
interface AuthorizationResponse {

    /**
     * At the sign-in start, before the browser is sent to the provider.
     *
     * @return empty when the attempt is bound, or why this request cannot start a sign-in in this mode (shown to
     *     the browser, so free of secrets)
     */
    Optional<String> bind(HttpServletRequest request, HttpServletResponse response, SignInState attempt);

    /**
     * At the callback, before any other work: what is cheap to refuse is refused here.
     *
     * @return empty to go on with the shared checks, or the answer already given (a refusal, or a step of the mode)
     */
    Optional<AuthenticationStatus> screen(HttpServletRequest request, HttpServletResponse response);

    /** The one place a definition's response mode becomes its callback's behaviour. */
    static AuthorizationResponse of(PassageSettings settings, SignInStateStore states) {
        return switch (settings.signIn().responseMode()) {
            case QUERY -> QueryResponse.INSTANCE;
            case FORM_POST -> new FormPostResponse(settings, states);
        };
    }
}
