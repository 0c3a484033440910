package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An ID token that passed every check of OIDC Core 3.1.3.7.
 *
 * <p>{@link #toString()} never reveals the raw token.
 *
 * @param rawToken the token as received, e.g. for use as {@code id_token_hint} at logout
 * @param claims all claims, as plain immutable Java values: {@link String}, {@link Boolean},
 *     {@link Long} or {@link Double}, {@link java.util.List}, {@link Map}; a JSON null is kept as
 *     {@code null}
 * @param subject the {@code sub} claim
 * @param expiresAt the {@code exp} claim
 */
public record ValidatedIdToken(String rawToken, Map<String, Object> claims, String subject, Instant expiresAt) {

    /**
     * Copies the claims into an immutable map.
     *
     * @param rawToken the token as received
     * @param claims the claims
     * @param subject the {@code sub} claim
     * @param expiresAt the {@code exp} claim
     * @throws NullPointerException if a component is null
     */
    public ValidatedIdToken {
        // claims are deep-copied so that the record stays immutable whatever map it was given
        Objects.requireNonNull(rawToken, "rawToken");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = JsonValues.immutableObject(claims);
    }

    /** Shows subject, expiry and claim names; the raw token and the claim values stay out of logs. */
    @Override
    public String toString() {
        return "ValidatedIdToken[rawToken=****, subject=" + subject + ", expiresAt=" + expiresAt + ", claims="
                + claims.keySet() + "]";
    }
}
