package io.github.passage4j.ee;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * What one sign-in attempt must remember between the redirect to the provider and the callback. Fresh random
 * values per attempt; used once.
 *
 * @param state          the OAuth {@code state}, binding the callback to this attempt
 * @param nonce          the OpenID {@code nonce}, binding the ID token to this attempt
 * @param codeVerifier   the PKCE code verifier (RFC 7636)
 * @param returnPath     the path and query of this app to return to after sign-in
 * @param expectedIssuer the issuer this attempt was started with (mix-up defence)
 * @param definition     the name of the definition (provider) this attempt was started with, empty for the default;
 *                       only that definition's callback may complete it (mix-up defence)
 * @param redirectUri    the {@code redirect_uri} sent, which the token request must repeat
 * @param startedAt      when the attempt began
 * @param dpopKey        the DPoP key made for this sign-in ({@code DpopKey#serialize()}), whose thumbprint the
 *                       authorization request named as {@code dpop_jkt}; null without DPoP
 * @param maxAge         the {@code max_age} in seconds the authorization request sent, whose OIDC Core 3.1.3.7 step 13
 *                       check the callback owes; null when none was sent
 * @param acrValues      the {@code acr_values} the authorization request sent, kept for a later step 12 check; null
 *                       when none were sent
 */
record SignInState(String state,
                   String nonce,
                   String codeVerifier,
                   String returnPath,
                   String expectedIssuer,
                   String definition,
                   String redirectUri,
                   Instant startedAt,
                   String dpopKey,
                   Long maxAge,
                   String acrValues) implements Serializable {

    @Serial
    private static final long serialVersionUID = 3L;

    /** An attempt that sent neither max_age nor acr_values. */
    SignInState(String state, String nonce, String codeVerifier, String returnPath, String expectedIssuer,
                String definition, String redirectUri, Instant startedAt, String dpopKey) {
        this(state, nonce, codeVerifier, returnPath, expectedIssuer, definition, redirectUri, startedAt, dpopKey,
                null, null);
    }

    /** An attempt without DPoP. */
    SignInState(String state, String nonce, String codeVerifier, String returnPath, String expectedIssuer,
                String definition, String redirectUri, Instant startedAt) {
        this(state, nonce, codeVerifier, returnPath, expectedIssuer, definition, redirectUri, startedAt, null, null, null);
    }

    /** Shows no secret value: a state record may end up in a log. */
    @Override
    public String toString() {
        return "SignInState[returnPath=" + returnPath + ", expectedIssuer=" + expectedIssuer
                + ", definition=" + definition + ", startedAt=" + startedAt + ", maxAge=" + maxAge + ", acrValues=" + acrValues
                + "]";
    }
}
