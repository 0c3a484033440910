package io.github.passage4j.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How strongly and how recently the caller of a resource must have authenticated: an {@code acr} among
 * {@link #acrValues()} (OIDC Core 2, "Authentication Context Class Reference") and an {@code auth_time} at most
 * {@link #maxAge()} ago. A caller that falls short is sent to authenticate again with the same values as
 * {@code acr_values} and {@code max_age}, which the callback then enforces (OIDC Core 3.1.3.7 steps 12 and 13); a
 * bearer caller is told so with RFC 9470's {@code insufficient_user_authentication}.
 *
 * @param acrValues the acceptable {@code acr} values, in order of preference (sent as {@code acr_values}); empty when
 *                  any will do
 * @param maxAge    the longest time since the user authenticated, or empty when any will do
 */
public record AuthenticationRequirement(List<String> acrValues, Optional<Duration> maxAge) {

    /** Parameters a requirement may set: the rest of a sign-in's shape is the deployment's. */
    private static final List<String> PARAMETERS = List.of("acr_values", "max_age");

    public AuthenticationRequirement {
        acrValues = List.copyOf(acrValues);
        Objects.requireNonNull(maxAge, "maxAge");
        if (acrValues.isEmpty() && maxAge.isEmpty()) {
            throw new IllegalArgumentException("a requirement needs acr_values, max_age or both");
        }
        if (maxAge.isPresent() && maxAge.get().isNegative()) {
            throw new IllegalArgumentException("max_age must not be negative");
        }
    }

    /**
     * A requirement written as authorization parameters, e.g. {@code acr_values=urn:mfa&max_age=300}.
     *
     * @param parameters validated parameters ({@link AuthorizationParameters#ofSetting}) naming only
     *                   {@code acr_values} and {@code max_age}
     * @return the requirement they describe
     * @throws IllegalArgumentException when another parameter is named, or neither of them
     */
    public static AuthenticationRequirement of(AuthorizationParameters parameters) {
        for (String name : parameters.asMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("a step-up requirement sets only acr_values and max_age, not "
                        + name);
            }
        }
        List<String> acrValues = parameters.acrValues().map(AuthenticationContextRule::split).orElse(List.of());
        if (parameters.acrValues().isPresent() && acrValues.isEmpty()) {
            throw new IllegalArgumentException("acr_values must name at least one value");
        }
        return new AuthenticationRequirement(acrValues, parameters.maxAge().map(Duration::ofSeconds));
    }

    /**
     * Whether a caller's authentication falls short, read from the claims that describe it: the ID token's for a
     * signed-in session, the access token's for a bearer caller (RFC 9068 2.2.1 carries {@code acr} and
     * {@code auth_time} there). A claim that is missing or of the wrong type falls short.
     *
     * @param claims    the claims naming {@code acr} and {@code auth_time}
     * @param now       the current time
     * @param clockSkew the tolerated clock difference
     * @return what falls short, for the log; empty when the requirement is met
     */
    public Optional<String> shortfall(Map<String, ?> claims, Instant now, Duration clockSkew) {
        if (!acrValues.isEmpty() && !(claims.get("acr") instanceof String acr && acrValues.contains(acr))) {
            return Optional.of("acr is none of " + String.join(" ", acrValues));
        }
        if (maxAge.isPresent()) {
            if (!(claims.get("auth_time") instanceof Number authTime)) {
                return Optional.of("no auth_time, and a max_age of " + maxAge.get().toSeconds() + " s applies");
            }
            // in seconds, so that no auth_time (a provider's, possibly absurd) can overflow an Instant
            long oldestAccepted = now.getEpochSecond() - maxAge.get().toSeconds() - clockSkew.toSeconds();
            double seconds = authTime.doubleValue();
            if (!Double.isFinite(seconds) || seconds > now.getEpochSecond() + clockSkew.toSeconds()) {
                return Optional.of("auth_time lies in the future");
            }
            if (seconds < oldestAccepted) {
                return Optional.of("auth_time is older than the max_age of " + maxAge.get().toSeconds() + " s");
            }
        }
        return Optional.empty();
    }

    /** @return the requirement as authorization parameters: {@code acr_values} and {@code max_age} as set */
    public Map<String, String> asParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!acrValues.isEmpty()) {
            parameters.put("acr_values", String.join(" ", acrValues));
        }
        maxAge.ifPresent(age -> parameters.put("max_age", Long.toString(age.toSeconds())));
        return parameters;
    }
}
