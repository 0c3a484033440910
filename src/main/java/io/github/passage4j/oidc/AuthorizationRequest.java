package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Objects;

/**
 * The per-attempt values of one authorization request (OIDC Core 3.1.2.1, RFC 7636 4.3).
 *
 * <p>{@code state}, {@code nonce} and the PKCE verifier behind {@code codeChallenge} come from
 * {@link SignInSecrets}; the caller keeps them to check the answer. {@link #toString()} omits
 * {@code state} and {@code nonce}. The constructor throws {@link NullPointerException} for a null
 * component and {@link IllegalArgumentException} for a relative redirect URI or an empty value.
 *
 * @param redirectUri the absolute redirection URI registered for this client
 * @param state opaque value binding the answer to the browser session (CSRF protection)
 * @param nonce value that the ID token must repeat (replay protection)
 * @param codeChallenge the S256 challenge of the PKCE code verifier
 */
public record AuthorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge) {

    /**
     * Checks that every value is present and the redirect URI is absolute.
     *
     * @param redirectUri the absolute redirection URI
     * @param state the state value
     * @param nonce the nonce value
     * @param codeChallenge the S256 code challenge
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the redirect URI is relative or a value is empty
     */
    public AuthorizationRequest {
        // a missing value here would silently weaken CSRF, replay or PKCE protection
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        // RFC 6749 3.1.2: the redirection endpoint URI MUST be an absolute URI
        if (!redirectUri.isAbsolute()) {
            throw new IllegalArgumentException("redirectUri must be absolute");
        }
        if (state.isEmpty() || nonce.isEmpty() || codeChallenge.isEmpty()) {
            throw new IllegalArgumentException("state, nonce and codeChallenge must not be empty");
        }
    }

    /** Shows the redirect URI only; the per-attempt values stay out of logs. */
    @Override
    public String toString() {
        return "AuthorizationRequest[redirectUri=" + redirectUri + ", state=****, nonce=****, codeChallenge=****]";
    }
}
