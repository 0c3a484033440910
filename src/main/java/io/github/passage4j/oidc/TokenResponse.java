package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful token endpoint answer (OIDC Core 3.1.3.3). The ID token in it is not yet validated:
 * pass it to {@link OpenIdProvider#validateIdToken(String, String, String)}.
 *
 * <p>{@link #toString()} masks every token.
 *
 * @param idToken the ID token as received (a compact JWS)
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null if none was issued
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
     * Checks that the values OIDC Core 3.1.3.3 requires are present.
     *
     * @param idToken the ID token
     * @param accessToken the access token
     * @param refreshToken the refresh token, or null
     * @param tokenType the token type
     * @param accessTokenExpiresAt the access token expiry, or null
     * @param scope the granted scope, or null
     * @throws NullPointerException if idToken, accessToken or tokenType is null
     */
    public TokenResponse {
        // OIDC Core 3.1.3.3 makes these three mandatory in a successful answer
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
    }

    /** Shows the metadata of the answer; the tokens themselves are masked. */
    @Override
    public String toString() {
        return "TokenResponse[idToken=****, accessToken=****, refreshToken=" + (refreshToken == null ? "null" : "****")
                + ", tokenType=" + tokenType + ", accessTokenExpiresAt=" + accessTokenExpiresAt + ", scope=" + scope + "]";
    }
}
