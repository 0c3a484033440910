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
 * @param dpopJkt the thumbprint of the session's DPoP key ({@link DpopKey#thumbprint()}), sent as {@code dpop_jkt}
 *     so that the code can only be redeemed with that key (RFC 9449 10); null without DPoP
 * @param extraParameters further parameters ({@code prompt}, {@code max_age}, ...), validated when they were made;
 *     sent in the query, the pushed request and the request object alike; null means none
 */
public record AuthorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge,
        String dpopJkt, AuthorizationParameters extraParameters) {

    /** RFC 7638 3 with SHA-256: 32 bytes, base64url without padding. */
    private static final java.util.regex.Pattern THUMBPRINT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A request without DPoP.
     *
     * @param redirectUri the absolute redirection URI
     * @param state the state value
     * @param nonce the nonce value
     * @param codeChallenge the S256 code challenge
     */
    public AuthorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge) {
        this(redirectUri, state, nonce, codeChallenge, null, null);
    }

    /**
     * A request without extra parameters.
     *
     * @param redirectUri the absolute redirection URI
     * @param state the state value
     * @param nonce the nonce value
     * @param codeChallenge the S256 code challenge
     * @param dpopJkt the DPoP key thumbprint, or null
     */
    public AuthorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge, String dpopJkt) {
        this(redirectUri, state, nonce, codeChallenge, dpopJkt, null);
    }

    /**
     * Checks that every value is present and the redirect URI is absolute.
     *
     * @param redirectUri the absolute redirection URI
     * @param state the state value
     * @param nonce the nonce value
     * @param codeChallenge the S256 code challenge
     * @param dpopJkt the DPoP key thumbprint, or null
     * @param extraParameters further parameters, or null for none
     * @throws NullPointerException if a component other than dpopJkt is null
     * @throws IllegalArgumentException if the redirect URI is relative, a value is empty or dpopJkt is no
     *     SHA-256 thumbprint
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
        if (dpopJkt != null && !THUMBPRINT.matcher(dpopJkt).matches()) {
            throw new IllegalArgumentException("dpopJkt must be a base64url SHA-256 JWK thumbprint");
        }
        extraParameters = extraParameters == null ? AuthorizationParameters.NONE : extraParameters;
    }

    /** Shows the redirect URI only; the per-attempt values stay out of logs. */
    @Override
    public String toString() {
        return "AuthorizationRequest[redirectUri=" + redirectUri + ", state=****, nonce=****, codeChallenge=****, extraParameters="
                + extraParameters + "]";
    }
}
