package io.github.passage4j.oidc;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Internal limits of an {@link OpenIdProvider}, fixed in production and shortened by tests.
 *
 * @param failureBackoff how long a failed discovery or JWKS fetch is remembered before a retry
 * @param jwksRefetchWindow minimum time between two JWKS refetches caused by unknown keys
 * @param jwksMaxAge age after which the JWK Set is fetched again on next use
 * @param maxBodyBytes largest accepted response body
 * @param nanoTime monotonic time source for the windows above
 */
record Tuning(Duration failureBackoff, Duration jwksRefetchWindow, Duration jwksMaxAge, int maxBodyBytes,
        LongSupplier nanoTime) {

    static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(1),
            512 * 1024, System::nanoTime);
}
