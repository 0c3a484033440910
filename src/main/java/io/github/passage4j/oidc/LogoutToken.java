package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * A logout token that passed every check of OpenID Connect Back-Channel Logout 1.0 section 2.6:
 * the provider asks to end the sessions it names (2.7). With {@code sessionId}, end the session the
 * provider identified by that {@code sid} (from the ID token of the sign-in); without it, end every
 * session of {@code subject}.
 *
 * @param issuer the {@code iss} claim: the provider's issuer identifier
 * @param subject the {@code sub} claim, or null if the token names only a session
 * @param sessionId the {@code sid} claim, or null if the token names only a subject
 * @param jwtId the {@code jti} claim, unique per logout token
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 */
public record LogoutToken(String issuer, String subject, String sessionId, String jwtId, Instant issuedAt,
        Instant expiresAt) {

    /**
     * Checks that the values section 2.4 requires are present.
     *
     * @param issuer the issuer
     * @param subject the subject, or null
     * @param sessionId the session id, or null
     * @param jwtId the token's unique id
     * @param issuedAt when the token was issued
     * @param expiresAt when the token expires
     * @throws NullPointerException if issuer, jwtId, issuedAt or expiresAt is null
     * @throws IllegalArgumentException if both subject and sessionId are null
     */
    public LogoutToken {
        // Back-Channel Logout 2.4: iss, jti, iat and exp are REQUIRED, and at least one of sub and sid
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (subject == null && sessionId == null) {
            throw new IllegalArgumentException("a logout token names a subject, a session or both");
        }
    }
}
