package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful token endpoint answer (OIDC Core 3.1.3.3, or 12.2 after a refresh). The ID token in
 * it is not yet validated: pass it to {@link OpenIdProvider#validateIdToken(String, String, String)},
 * or after a refresh to {@link OpenIdProvider#validateRefreshedIdToken(String, ValidatedIdToken, String)}.
 *
 * <p>{@link #toString()} masks every token.
 *
 * @param idToken the ID token as received (a compact JWS); never null from
 *     {@link OpenIdProvider#exchangeCode}, but null from {@link OpenIdProvider#refresh} when the
 *     provider sent none (OIDC Core 12.2 allows that)
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null if none was issued; after a refresh, null means
 *     that the provider did not rotate it and the one used stays valid (RFC 6749 6)
 * @param tokenType the token type as received; always {@code Bearer}, compared case-insensitively
 * @param accessTokenExpiresAt when the access token expires, computed from {@code expires_in} at
 *     receipt; null if the provider did not say
 * @param scope the granted scope, or null if the provider did not say (then it is the requested one)
 */
public record TokenResponse(
        String idToken,
        String accessToken,
        String refreshToken,
        String tokenType,
        Instant accessTokenExpiresAt,
        String scope) {

    /**
     * Checks that the values RFC 6749 5.1 requires are present.
     *
     * @param idToken the ID token, or null (only after a refresh)
     * @param accessToken the access token
     * @param refreshToken the refresh token, or null
     * @param tokenType the token type
     * @param accessTokenExpiresAt the access token expiry, or null
     * @param scope the granted scope, or null
     * @throws NullPointerException if accessToken or tokenType is null
     */
    public TokenResponse {
        // RFC 6749 5.1 makes these two mandatory in every successful answer; the ID token, mandatory
        // after a sign-in (OIDC Core 3.1.3.3) but not after a refresh (12.2), is checked by the parser
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
    }

    /** Shows the metadata of the answer; the tokens themselves are masked. */
    @Override
    public String toString() {
        return "TokenResponse[idToken=" + mask(idToken) + ", accessToken=****, refreshToken=" + mask(refreshToken)
                + ", tokenType=" + tokenType + ", accessTokenExpiresAt=" + accessTokenExpiresAt + ", scope=" + scope + "]";
    }

    private static String mask(String token) {
        return token == null ? "null" : "****";
    }
}
