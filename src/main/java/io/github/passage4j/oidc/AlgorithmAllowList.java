package io.github.passage4j.oidc;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks a configured set of accepted JWS algorithms when settings are built, so that a
 * misconfiguration shows at deployment rather than at the first token: {@code none} is never
 * accepted, names must be ones {@link SigningAlgorithm} knows, and HMAC only where a key for it
 * exists.
 */
final class AlgorithmAllowList {

    private AlgorithmAllowList() {
    }

    /**
     * @param algorithms the configured algorithms, or null for the defaults
     * @param defaults the algorithms used when none are configured
     * @param hmacPermitted whether HS* may be configured (only where a shared key exists: the client secret)
     * @return an immutable copy
     * @throws IllegalArgumentException naming the problem
     */
    static Set<String> check(Set<String> algorithms, Set<String> defaults, boolean hmacPermitted) {
        if (algorithms == null) {
            return defaults;
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("allowedSigningAlgorithms must not be empty");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String name : algorithms) {
            if (name == null || "none".equalsIgnoreCase(name)) {
                // OIDC Core 3.1.3.7 step 6 / RFC 9068 4 step 5: tokens are always signed; none would disable that
                throw new IllegalArgumentException("allowedSigningAlgorithms must not contain none");
            }
            SigningAlgorithm algorithm = SigningAlgorithm.forName(name).orElseThrow(() -> new IllegalArgumentException(
                    "allowedSigningAlgorithms contains an unsupported algorithm: " + name
                            + " (supported: RS256/384/512, PS256/384/512, ES256/384/512, HS256/384/512)"));
            if (algorithm.isHmac() && !hmacPermitted) {
                // RFC 9068 4 step 5: the keys are the issuer's published ones, and those are never HMAC keys
                throw new IllegalArgumentException("allowedSigningAlgorithms must not contain " + name
                        + ": there is no HMAC key here, only the issuer's published keys");
            }
            checked.add(name);
        }
        return Collections.unmodifiableSet(checked);
    }
}
