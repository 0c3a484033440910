package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connections of one application to its token issuers: one HTTP client, one discovered configuration and one
 * cache of signing keys per issuer, shared by every {@link OpenIdProvider} and {@link AccessTokenValidator} built
 * with it for that issuer. Closing it ends the clients' threads, which an application must do when it stops: a
 * client left running keeps threads, and through them the application's classes, alive after an undeploy.
 *
 * <p>Thread-safe. Creating it does no I/O and starts no thread.
 */
public final class ProviderConnections implements AutoCloseable {

    private record Key(String issuer, URI jwksUri, Duration connectTimeout, Duration readTimeout, ClientTls tls) {
    }

    private final Tuning tuning;
    private final Map<Key, ProviderConnection> connections = new HashMap<>();
    private boolean closed;

    /** Connections with the library's fixed limits. */
    public ProviderConnections() {
        this(Tuning.DEFAULT);
    }

    ProviderConnections(Tuning tuning) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    /**
     * The connection to {@code issuer}; the same for the same issuer, key set location and timeouts (the timeouts
     * belong to the client, so settings that differ in them cannot share one).
     *
     * @param jwksUriOrNull the configured key set location, or null to discover it
     */
    ProviderConnection connection(URI issuer, URI jwksUriOrNull, Duration connectTimeout, Duration readTimeout) {
        return connection(issuer, jwksUriOrNull, connectTimeout, readTimeout, ClientTls.DEFAULT);
    }

    /**
     * As {@link #connection(URI, URI, Duration, Duration)}, for a client whose calls present a certificate or follow
     * the FAPI 2.0 TLS rules: it shares a connection only with clients that do the same.
     *
     * @param tls the client certificate and TLS rules
     */
    synchronized ProviderConnection connection(URI issuer, URI jwksUriOrNull, Duration connectTimeout,
            Duration readTimeout, ClientTls tls) {
        if (closed) {
            throw new IllegalStateException("Passage4J: the provider connections are closed");
        }
        return connections.computeIfAbsent(new Key(issuer.toString(), jwksUriOrNull, connectTimeout, readTimeout,
                tls), key -> new ProviderConnection(tuning, issuer, jwksUriOrNull, connectTimeout, readTimeout, tls));
    }

    /**
     * @return how many connections are open: one per issuer (and key set location and timeouts) in use
     */
    public synchronized int size() {
        return connections.size();
    }

    /** Ends every client's threads; the providers and validators built with these connections stop working. */
    @Override
    public void close() {
        List<ProviderConnection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(connections.values());
            connections.clear();
        }
        open.forEach(ProviderConnection::close);
    }
}
