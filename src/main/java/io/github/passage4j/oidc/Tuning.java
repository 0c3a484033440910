package io.github.passage4j.oidc;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Internal limits of an {@link OpenIdProvider}, fixed in production and shortened by tests.
 *
 * @param failureBackoff how long a failed discovery or JWKS fetch is remembered before a retry; also the least
 *     time between two re-discoveries caused by a failing endpoint
 * @param jwksRefetchWindow minimum time between two JWKS refetches caused by unknown keys
 * @param jwksMaxAge age after which the JWK Set is due for a fetch; it is refreshed in the background from 90% of it
 * @param jwksStaleLimit how long past its max age the JWK Set is still used while it cannot be fetched again
 * @param discoveryMaxAge age after which the discovery document is fetched again in the background
 * @param maxBodyBytes largest accepted response body
 * @param nanoTime monotonic time source for the windows above
 */
record Tuning(Duration failureBackoff, Duration jwksRefetchWindow, Duration jwksMaxAge, Duration jwksStaleLimit,
        Duration discoveryMaxAge, int maxBodyBytes, LongSupplier nanoTime) {

    static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofHours(24), Duration.ofHours(24), 512 * 1024, System::nanoTime);
}
