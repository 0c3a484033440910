package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads registered claims (RFC 7519 4.1) from a verified payload, rejecting values of the wrong
 * JSON type with a message naming the step that needs them.
 */
final class ClaimValues {

    private ClaimValues() {
    }

    /** A required NumericDate (RFC 7519 2): a JSON number of seconds since the epoch, possibly non-integer. */
    static Instant numericDate(Map<String, Object> claims, String name, String step) throws ProviderRejectedException {
        if (claims.get(name) instanceof Number seconds) {
            try {
                double value = seconds.doubleValue();
                if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                    return Instant.ofEpochSecond(seconds.longValue());
                }
            } catch (DateTimeException e) {
                // falls through to the rejection: a date outside Instant's range is no valid date either
            }
        }
        throw new ProviderRejectedException(step + ": " + name + " is missing or not a number");
    }

    /** An optional NumericDate: null when absent, rejected when present but not a number. */
    static Instant optionalNumericDate(Map<String, Object> claims, String name, String step)
            throws ProviderRejectedException {
        return claims.get(name) == null ? null : numericDate(claims, name, step);
    }

    /** The audiences (RFC 7519 4.1.3): a string or a non-empty array of strings. */
    static List<String> audiences(Map<String, Object> claims, String step) throws ProviderRejectedException {
        Object aud = claims.get("aud");
        if (aud instanceof String single) {
            return List.of(single);
        }
        if (aud instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new ProviderRejectedException(step + ": aud is missing or not a string or array of strings");
    }

    /** A required, non-empty string claim. */
    static String requiredString(Map<String, Object> claims, String name, String step) throws ProviderRejectedException {
        if (claims.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw new ProviderRejectedException(step + ": " + name + " is missing or empty");
    }

    /** An optional string claim: null when absent, rejected when present but not a non-empty string. */
    static String optionalString(Map<String, Object> claims, String name, String step) throws ProviderRejectedException {
        return claims.get(name) == null ? null : requiredString(claims, name, step);
    }

    /** Compares in constant time, so that the comparison does not tell how much of a guessed value was right. */
    static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
