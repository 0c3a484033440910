package io.github.passage4j;

import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of the signed-in caller's Passage session, kept apart from the {@link PassageProfile} so that a
 * principal that is logged or shown never carries a token.
 *
 * <p>Obtain it with {@code @Inject PassageTokens tokens;} during an authenticated request, for example to call an API
 * with the access token. Immutable and {@link Serializable}; {@link #toString()} shows no token.
 *
 * <p>When the definition binds tokens with DPoP ({@code passage.dpop}, RFC 9449), {@link #getTokenType()} is
 * {@code DPoP}: the access token is only accepted with a proof of the session's key. Send it as
 * {@code Authorization: DPoP <token>} with a {@code DPoP} header from {@link #dpopProof(String, URI)}, made anew for
 * every request. The key itself never leaves this object.
 */
public class PassageTokens implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String idToken;
    private final String accessToken;
    private final String refreshToken;
    private final Instant accessTokenExpiresAt;
    private final Instant idTokenExpiresAt;
    /** Null in sessions kept before DPoP support: those are Bearer. */
    private final String tokenType;
    /** The session's DPoP key as a private JWK, or null when the tokens are not DPoP-bound. */
    private final String dpopKey;
    /** {@link #dpopKey} parsed on first use; not serialised, since the JWK is. */
    private transient volatile io.github.passage4j.oidc.DpopKey parsedDpopKey;

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
        this.tokenType = "Bearer";
        this.dpopKey = null;
    }

    /**
     * Creates the token holder of a session whose tokens may be DPoP-bound.
     *
     * @param idToken              the ID token, compact JWS; not null
     * @param accessToken          the access token; not null
     * @param refreshToken         the refresh token, or null when the provider issued none
     * @param accessTokenExpiresAt when the access token expires, or null when the provider did not say
     * @param idTokenExpiresAt     the ID token's {@code exp}; not null
     * @param tokenType            the token response's {@code token_type}, {@code Bearer} or {@code DPoP}; null
     *                             means {@code Bearer}
     * @param dpopKey              the session's DPoP key as a private JWK with its {@code alg} (as the library
     *                             serialises it), or null when the tokens are not DPoP-bound; a secret
     * @throws IllegalArgumentException if dpopKey is given but is no usable DPoP key
     */
    public PassageTokens(String idToken, String accessToken, String refreshToken,
                         Instant accessTokenExpiresAt, Instant idTokenExpiresAt, String tokenType, String dpopKey) {
        this.idToken = Objects.requireNonNull(idToken, "idToken");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.idTokenExpiresAt = Objects.requireNonNull(idTokenExpiresAt, "idTokenExpiresAt");
        this.tokenType = tokenType == null ? "Bearer" : tokenType;
        this.dpopKey = dpopKey;
        this.parsedDpopKey = dpopKey == null ? null : io.github.passage4j.oidc.DpopKey.parse(dpopKey);
    }

    /** For CDI's client proxies only; a proxy delegates every call to the current caller's tokens. */
    protected PassageTokens() {
        this.idToken = null;
        this.accessToken = null;
        this.refreshToken = null;
        this.accessTokenExpiresAt = null;
        this.idTokenExpiresAt = null;
        this.tokenType = null;
        this.dpopKey = null;
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

    /**
     * The token type of the access token (RFC 6749 7.1): {@code Bearer}, or {@code DPoP} when it is bound to the
     * session's DPoP key (RFC 9449) and must be sent as {@code Authorization: DPoP <token>} with a
     * {@link #dpopProof(String, URI) proof}.
     *
     * @return the token type as the provider named it
     */
    public String getTokenType() {
        return tokenType == null ? "Bearer" : tokenType;
    }

    /**
     * A fresh DPoP proof (RFC 9449 4.2) for one request that presents the access token, to send as its
     * {@code DPoP} header: signed by the session's key, for this method and URL (query and fragment are left out),
     * issued now, with the access token's hash ({@code ath}). Make one per request: a resource server accepts each
     * proof once.
     *
     * @param method the request's HTTP method, e.g. {@code GET}
     * @param url    the request's absolute URL
     * @return the proof, or empty when the tokens are not DPoP-bound
     */
    public Optional<String> dpopProof(String method, URI url) {
        return dpopProof(method, url, null);
    }

    /**
     * As {@link #dpopProof(String, URI)}, with the {@code nonce} a resource server asked for in its
     * {@code DPoP-Nonce} header (RFC 9449 9).
     *
     * @param method the request's HTTP method, e.g. {@code GET}
     * @param url    the request's absolute URL
     * @param nonce  the server's nonce, or null
     * @return the proof, or empty when the tokens are not DPoP-bound
     */
    public Optional<String> dpopProof(String method, URI url, String nonce) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        if (dpopKey == null) {
            return Optional.empty();
        }
        io.github.passage4j.oidc.DpopKey key = parsedDpopKey;
        if (key == null) {
            key = io.github.passage4j.oidc.DpopKey.parse(dpopKey);
            parsedDpopKey = key;
        }
        return Optional.of(key.proof(method, url, accessToken, nonce, Clock.systemUTC().instant()));
    }

    /** Tells whether tokens are present and when they expire, never the tokens themselves. */
    @Override
    public String toString() {
        return "PassageTokens[tokenType=" + getTokenType() + ", refreshToken=" + (refreshToken != null)
                + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", idTokenExpiresAt=" + idTokenExpiresAt + "]";
    }
}
