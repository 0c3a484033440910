package io.github.passage4j.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * OIDC Core 3.1.3.7 step 13: when the authorization request sent {@code max_age}, the ID token must carry
 * {@code auth_time} and the user must have authenticated no longer than {@code max_age} seconds ago, within the
 * tolerated clock skew. A provider that ignored {@code max_age} (and kept an old session) is caught here.
 */
final class AuthenticationAgeRule {

    static final String STEP = "OIDC Core 3.1.3.7 step 13";

    private final Duration clockSkew;
    private final Clock clock;

    AuthenticationAgeRule(Duration clockSkew, Clock clock) {
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param idToken the validated ID token
     * @param maxAgeSeconds the {@code max_age} the authorization request sent
     * @throws ProviderRejectedException when {@code auth_time} is missing, no number, too old or in the future
     */
    void check(ValidatedIdToken idToken, long maxAgeSeconds) throws ProviderRejectedException {
        if (maxAgeSeconds < 0) {
            throw new IllegalArgumentException("max_age must not be negative");
        }
        if (idToken.claims().get("auth_time") == null) {
            // OIDC Core 2: auth_time is REQUIRED when max_age was requested
            throw new ProviderRejectedException(STEP + ": max_age was requested but the ID token has no auth_time");
        }
        Instant authTime = ClaimValues.numericDate(idToken.claims(), "auth_time", STEP);
        Instant now = clock.instant();
        if (authTime.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException(STEP + ": auth_time lies in the future");
        }
        if (authTime.plusSeconds(maxAgeSeconds).plus(clockSkew).isBefore(now)) {
            throw new ProviderRejectedException(STEP + ": auth_time is older than the max_age of " + maxAgeSeconds
                    + " s requested; the provider did not authenticate the user again");
        }
    }
}
