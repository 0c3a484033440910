package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JWT access token that passed every check of {@link AccessTokenValidator}. It holds no copy of
 * the token itself.
 *
 * @param subject the {@code sub} claim: the user (or, for client credentials, the client) the
 *     token was issued for
 * @param issuer the {@code iss} claim
 * @param audiences the {@code aud} claim as a list (a single string becomes a list of one)
 * @param expiresAt the {@code exp} claim
 * @param claims all claims, as plain immutable Java values: {@link String}, {@link Boolean},
 *     {@link Long} or {@link Double}, {@link List}, {@link Map}; a JSON null is kept as {@code null}
 */
public record ValidatedAccessToken(String subject, String issuer, List<String> audiences, Instant expiresAt,
        Map<String, Object> claims) {

    /**
     * Copies audiences and claims into immutable collections.
     *
     * @param subject the {@code sub} claim
     * @param issuer the {@code iss} claim
     * @param audiences the {@code aud} values
     * @param expiresAt the {@code exp} claim
     * @param claims the claims
     * @throws NullPointerException if a component is null
     */
    public ValidatedAccessToken {
        // deep copies, so that the record stays immutable whatever it was given
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = JsonValues.immutableObject(Objects.requireNonNull(claims, "claims"));
    }

    /** Shows subject, issuer, audiences, expiry and claim names; claim values stay out of logs. */
    @Override
    public String toString() {
        return "ValidatedAccessToken[subject=" + subject + ", issuer=" + issuer + ", audiences=" + audiences
                + ", expiresAt=" + expiresAt + ", claims=" + claims.keySet() + "]";
    }
}
