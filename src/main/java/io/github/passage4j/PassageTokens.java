package io.github.passage4j;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of the signed-in caller's Passage session, kept apart from the {@link PassageProfile} so that a
 * principal that is logged or shown never carries a token.
 *
 * <p>Obtain it with {@code @Inject PassageTokens tokens;} during an authenticated request, for example to call an API
 * with the access token. Immutable and {@link Serializable}; {@link #toString()} shows no token.
 */
public class PassageTokens implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String idToken;
    private final String accessToken;
    private final String refreshToken;
    private final Instant accessTokenExpiresAt;
    private final Instant idTokenExpiresAt;

    /**
     * Creates the token holder.
     *
     * @param idToken              the ID token, compact JWS; not null
     * @param accessToken          the access token; not null
     * @param refreshToken         the refresh token, or null when the provider issued none
     * @param accessTokenExpiresAt when the access token expires, or null when the provider did not say
     * @param idTokenExpiresAt     the ID token's {@code exp}; not null
     */
    public PassageTokens(String idToken, String accessToken, String refreshToken,
                         Instant accessTokenExpiresAt, Instant idTokenExpiresAt) {
        this.idToken = Objects.requireNonNull(idToken, "idToken");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.idTokenExpiresAt = Objects.requireNonNull(idTokenExpiresAt, "idTokenExpiresAt");
    }

    /** For CDI's client proxies only; a proxy delegates every call to the current caller's tokens. */
    protected PassageTokens() {
        this.idToken = null;
        this.accessToken = null;
        this.refreshToken = null;
        this.accessTokenExpiresAt = null;
        this.idTokenExpiresAt = null;
    }

    /**
     * The validated ID token as the provider issued it (compact JWS).
     *
     * @return the ID token
     */
    public String getIdToken() {
        return idToken;
    }

    /**
     * The access token, to call the provider's or your own APIs as the caller.
     *
     * @return the access token
     */
    public String getAccessToken() {
        return accessToken;
    }

    /**
     * The refresh token. Passage issues one only when refresh tokens are enabled for the app.
     *
     * @return the refresh token, if any
     */
    public Optional<String> getRefreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * When the access token expires, from the token response's {@code expires_in}.
     *
     * @return the expiry, if the provider gave one
     */
    public Optional<Instant> getAccessTokenExpiresAt() {
        return Optional.ofNullable(accessTokenExpiresAt);
    }

    /**
     * The ID token's {@code exp}.
     *
     * @return the ID token's expiry
     */
    public Instant getIdTokenExpiresAt() {
        return idTokenExpiresAt;
    }

    /** Tells whether tokens are present and when they expire, never the tokens themselves. */
    @Override
    public String toString() {
        return "PassageTokens[refreshToken=" + (refreshToken != null)
                + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", idTokenExpiresAt=" + idTokenExpiresAt + "]";
    }
}
