package io.github.passage4j.oidc;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;

/**
 * The checks of OIDC Core 12.2 that tie an ID token from a refresh to the ID token of the original
 * authentication, on top of the usual checks of 3.1.3.7 (which {@link IdTokenClaimRules} makes,
 * all except the nonce).
 */
final class RefreshedIdTokenRules {

    private static final String STEP = "OIDC Core 12.2";

    private RefreshedIdTokenRules() {
    }

    /**
     * @param refreshed the new token's claims, already checked by {@link IdTokenClaimRules#check}
     * @param original the claims of the ID token of the original authentication
     */
    static void check(Map<String, Object> refreshed, Map<String, Object> original) throws ProviderRejectedException {
        // OIDC Core 12.2: iss MUST be the same as in the ID token issued at the original authentication
        if (!Objects.equals(refreshed.get("iss"), original.get("iss"))) {
            throw new ProviderRejectedException(STEP + ": iss differs from the original ID token's");
        }
        // OIDC Core 12.2: sub MUST be the same; otherwise the session would silently change user
        if (!Objects.equals(refreshed.get("sub"), original.get("sub"))) {
            throw new ProviderRejectedException(STEP + ": sub differs from the original ID token's");
        }
        // OIDC Core 12.2: aud MUST be the same; compared as sets, since "x" and ["x"] name the same audience
        if (!new HashSet<>(ClaimValues.audiences(refreshed, STEP))
                .equals(new HashSet<>(ClaimValues.audiences(original, STEP)))) {
            throw new ProviderRejectedException(STEP + ": aud differs from the original ID token's");
        }
        // OIDC Core 12.2: azp MUST be the same, and absent if the original had none
        if (!Objects.equals(refreshed.get("azp"), original.get("azp"))) {
            throw new ProviderRejectedException(STEP + ": azp differs from the original ID token's");
        }
        checkNonce(refreshed, original);
        checkAuthTime(refreshed, original);
    }

    private static void checkNonce(Map<String, Object> refreshed, Map<String, Object> original)
            throws ProviderRejectedException {
        Object nonce = refreshed.get("nonce");
        if (nonce == null) {
            // OIDC Core 12.2: the new ID token SHOULD NOT have a nonce at all
            return;
        }
        // OIDC Core 12.2: if a nonce is present, it MUST be the one of the original ID token
        if (!(nonce instanceof String value) || !(original.get("nonce") instanceof String originalNonce)
                || !ClaimValues.sameSecret(value, originalNonce)) {
            throw new ProviderRejectedException(STEP + ": nonce is present but differs from the original ID token's");
        }
    }

    private static void checkAuthTime(Map<String, Object> refreshed, Map<String, Object> original)
            throws ProviderRejectedException {
        Instant authTime = ClaimValues.optionalNumericDate(refreshed, "auth_time", STEP);
        Instant originalAuthTime = ClaimValues.optionalNumericDate(original, "auth_time", STEP);
        // OIDC Core 12.2: auth_time MUST be the time of the original authentication, not of the refresh
        if (authTime != null && originalAuthTime != null && !authTime.equals(originalAuthTime)) {
            throw new ProviderRejectedException(STEP + ": auth_time differs from the original authentication's");
        }
    }
}
