package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Duration;

/**
 * What the validators of one issuer share: one HTTP client, the discovered configuration and the signing keys. The
 * sign-in of every definition naming this issuer and the validation of its access tokens use one connection, so
 * its keys are fetched once and its client threads exist once.
 */
final class ProviderConnection implements AutoCloseable {

    private final Tuning tuning;
    private final ProviderHttp http;
    /** Null when the key set's location is configured rather than discovered. */
    private final Discovery discovery;
    private final JwksCache jwks;

    /**
     * @param jwksUriOrNull the configured key set location, or null to discover it from the issuer
     */
    ProviderConnection(Tuning tuning, URI issuer, URI jwksUriOrNull, Duration connectTimeout, Duration readTimeout) {
        this(tuning, issuer, jwksUriOrNull, connectTimeout, readTimeout, ClientTls.DEFAULT);
    }

    /**
     * @param tls the client certificate and TLS rules of every call to this provider
     */
    ProviderConnection(Tuning tuning, URI issuer, URI jwksUriOrNull, Duration connectTimeout, Duration readTimeout,
            ClientTls tls) {
        this.tuning = tuning;
        this.http = new ProviderHttp(connectTimeout, readTimeout, tuning.maxBodyBytes(), tls);
        this.discovery = jwksUriOrNull != null ? null
                : new Discovery(http, issuer, new FailureBackoff(tuning.failureBackoff(), tuning.nanoTime()), tuning);
        Discovery told = discovery;
        this.jwks = new JwksCache(http, tuning, new FailureBackoff(tuning.failureBackoff(), tuning.nanoTime()),
                told == null ? () -> { } : told::endpointFailed);
    }

    Tuning tuning() {
        return tuning;
    }

    ProviderHttp http() {
        return http;
    }

    /** Null when the key set's location is configured. */
    Discovery discovery() {
        return discovery;
    }

    JwksCache jwks() {
        return jwks;
    }

    @Override
    public void close() {
        http.close();
    }
}
