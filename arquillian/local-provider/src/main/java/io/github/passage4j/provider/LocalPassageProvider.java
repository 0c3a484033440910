package io.github.passage4j.provider;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenID provider that speaks like Passage by 1Password hosted login, over real HTTP on loopback.
 *
 * <pre>{@code
 * try (LocalPassageProvider provider = LocalPassageProvider.builder()
 *         .client("my-client-id", "my-secret")
 *         .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true).build())
 *         .build()
 *         .start()) {
 *     URI issuer = provider.issuer();               // http://127.0.0.1:<port>
 *     provider.behaviour().denyNextAuthorization(); // make it misbehave
 * }
 * }</pre>
 *
 * <p>Endpoints, relative to the issuer: discovery at {@code /.well-known/openid-configuration}, {@code /authorize}
 * (shows the login page; see {@link LoginPage}), {@code /token}, {@code /userinfo}, {@code /.well-known/jwks.json},
 * {@code /revoke} and {@code /logout}. Tokens are signed RS256 with a 2048-bit key generated for each instance.
 * Clients authenticate with {@code client_secret_basic}; PKCE (S256) is required; authorization codes live 60 s and
 * work once.
 *
 * <p>Mutual TLS (RFC 8705): {@link Builder#mutualTls} adds an HTTPS listener on its own port for the token, PAR,
 * UserInfo and revocation endpoints, named in discovery as {@code mtls_endpoint_aliases}
 * ({@link #mutualTlsEndpoint(Endpoint)}); see {@link io.github.passage4j.testkit.TestCertificates}.
 *
 * <p>Hostile mode: {@link HostileCase#applyTo(LocalPassageProvider)} makes it attack a relying party in exactly one
 * way per case; {@code behaviour().reset()} ends it.
 *
 * <p>Thread-safe. An instance starts once; {@link #close()} stops it for good.
 */
public final class LocalPassageProvider implements AutoCloseable {

    /** The {@code acr} of a sign-in whose request asked for it (OIDC Core 2): a password alone. */
    public static final String ACR_PASSWORD = AuthenticationContexts.PASSWORD;
    /** The {@code acr} of a sign-in whose request asked for it: a password and a second factor. */
    public static final String ACR_MFA = AuthenticationContexts.MFA;

    /** Realm named in {@code WWW-Authenticate} challenges. */
    static final String REALM = "passage-local-provider";
    private static final System.Logger LOG = System.getLogger(LocalPassageProvider.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String host;
    private final int requestedPort;
    private final SigningKeys keys = new SigningKeys();
    private final Behaviour behaviour = new Behaviour(keys);
    private final Directory directory = new Directory();
    private final RequestLog log = new RequestLog();

    private final MutualTlsListener.Config mutualTlsConfig;

    private HttpServer server;
    private MutualTlsListener mutualTls;
    private ExecutorService executor;
    private volatile ProviderState state;
    private boolean closed;

    private LocalPassageProvider(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.mutualTlsConfig = builder.mutualTls;
        builder.clients.forEach(directory::addClient);
        builder.users.forEach(directory::addUser);
    }

    /** @return a builder with the defaults: host 127.0.0.1, a random free port, no clients, no users */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts answering.
     *
     * @return this
     * @throws IllegalStateException when started before or closed
     * @throws UncheckedIOException  when the port cannot be bound
     */
    public synchronized LocalPassageProvider start() {
        if (closed) {
            throw new IllegalStateException("the provider is closed");
        }
        if (server != null) {
            throw new IllegalStateException("the provider is already started");
        }
        HttpServer bound;
        try {
            bound = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        int port = bound.getAddress().getPort();
        String issuer = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        MutualTlsListener listener = null;
        if (mutualTlsConfig != null) {
            try {
                listener = MutualTlsListener.bind(host, mutualTlsConfig);
            } catch (RuntimeException e) {
                bound.stop(0);
                throw e;
            }
        }
        ProviderState started = new ProviderState(issuer, keys, behaviour, directory, listener);
        Dispatcher dispatcher = new Dispatcher(started, log);
        bound.createContext("/", dispatcher);
        // Unbounded threads, since a hanging fault holds its thread and must not stall other requests.
        executor = Executors.newCachedThreadPool(daemonThreads(INSTANCES.incrementAndGet()));
        bound.setExecutor(executor);
        bound.start();
        if (listener != null) {
            listener.start(dispatcher, executor);
            mutualTls = listener;
        }
        server = bound;
        state = started;
        LOG.log(System.Logger.Level.DEBUG, "local Passage provider listening, issuer {0}", issuer);
        return this;
    }

    private static ThreadFactory daemonThreads(int instance) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            // Daemon threads: a test that forgets close() must not keep the JVM alive.
            Thread thread = new Thread(runnable, "passage-local-provider-" + instance + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops answering, lets go of held requests and frees the port. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        behaviour.releaseHeldRequests();
        if (server != null) {
            server.stop(0);
            if (mutualTls != null) {
                mutualTls.stop();
            }
            executor.shutdownNow();
            LOG.log(System.Logger.Level.DEBUG, "local Passage provider at {0} stopped", state.issuer);
        }
    }

    private ProviderState started() {
        ProviderState current = state;
        if (current == null) {
            throw new IllegalStateException("the provider is not started");
        }
        return current;
    }

    /**
     * @return the issuer, {@code http://<host>:<port>} without a trailing slash
     * @throws IllegalStateException before {@link #start()}
     */
    public URI issuer() {
        return URI.create(started().issuer);
    }

    /**
     * @param endpoint an endpoint
     * @return its absolute URL
     * @throws IllegalStateException before {@link #start()}
     */
    public URI endpoint(Endpoint endpoint) {
        return URI.create(started().url(endpoint));
    }

    /** @return the port listened on */
    public int port() {
        return issuer().getPort();
    }

    /**
     * The URL of an endpoint at the mutual TLS listener ({@link Builder#mutualTls}), as discovery names it in
     * {@code mtls_endpoint_aliases}: the token, PAR, UserInfo and revocation endpoints only.
     *
     * @param endpoint {@link Endpoint#TOKEN}, {@link Endpoint#PAR}, {@link Endpoint#USERINFO} or {@link Endpoint#REVOKE}
     * @return its absolute {@code https} URL
     * @throws IllegalStateException    before {@link #start()} or without a mutual TLS listener
     * @throws IllegalArgumentException for an endpoint the listener does not serve
     */
    public URI mutualTlsEndpoint(Endpoint endpoint) {
        MutualTlsListener listener = started().mutualTls;
        if (listener == null) {
            throw new IllegalStateException("the provider has no mutual TLS listener: build it with mutualTls(...)");
        }
        if (!MutualTlsListener.SERVED.contains(endpoint)) {
            throw new IllegalArgumentException(endpoint + " is not served over mutual TLS");
        }
        return URI.create(listener.url(endpoint));
    }

    /** @return the switches that make this provider misbehave */
    public Behaviour behaviour() {
        return behaviour;
    }

    // ---------------------------------------------------------------- clients, users, keys

    /**
     * Registers a client whose redirect URIs are not restricted; replaces one with the same id.
     *
     * @param clientId     the client id
     * @param clientSecret the client secret
     * @return this
     */
    public LocalPassageProvider addClient(String clientId, String clientSecret) {
        return addClient(clientId, clientSecret, List.of());
    }

    /**
     * Registers a client; replaces one with the same id.
     *
     * @param clientId     the client id
     * @param clientSecret the client secret
     * @param redirectUris the only redirect URIs allowed (exact match), or empty for any http(s) URI
     * @return this
     */
    public LocalPassageProvider addClient(String clientId, String clientSecret, List<URI> redirectUris) {
        directory.addClient(new RegisteredClient(clientId, clientSecret, redirectUris));
        return this;
    }

    /**
     * Adds a user to the login page; replaces one with the same subject.
     *
     * @param user the user
     * @return this
     */
    public LocalPassageProvider addUser(PassageUser user) {
        directory.addUser(Objects.requireNonNull(user, "user"));
        return this;
    }

    /** @return the seeded users, in the order the login page lists them */
    public List<PassageUser> users() {
        return directory.users();
    }

    /**
     * Starts signing with a new key (new {@code kid}), publishing it next to the previous one.
     *
     * @return the new key's {@code kid}
     * @see Behaviour#rotateSigningKey(boolean)
     */
    public String rotateSigningKey() {
        return keys.rotate(true);
    }

    /**
     * Starts signing with a new key (new {@code kid}).
     *
     * @param keepPrevious whether the JWKS keeps publishing the keys used so far
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey(boolean keepPrevious) {
        return keys.rotate(keepPrevious);
    }

    /** @return the key that signs tokens now, private part included (so a test can forge or compare tokens) */
    public RSAKey signingKey() {
        return keys.current();
    }

    /** @return the JWK set the JWKS endpoint publishes (public parts only), before any {@link Behaviour} hook */
    public JWKSet publishedKeys() {
        return keys.publicJwkSet();
    }

    // ---------------------------------------------------------------- tokens minted on request

    /**
     * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0 section 2.4) for the first registered
     * client, signed with the current key, as the provider would POST it to a relying party's back-channel logout URI.
     *
     * @param sub the subject to log out, or {@code null}
     * @param sid the provider session to log out (the {@code sid} of the ID tokens), or {@code null}
     * @return the valid logout token; fresh {@code jti} on every call
     */
    public String logoutToken(String sub, String sid) {
        return logoutToken(sub, sid, TokenFlaw.NONE);
    }

    /**
     * A back-channel logout token broken in exactly one way.
     *
     * @param sub  the subject, or {@code null}
     * @param sid  the session id, or {@code null}
     * @param flaw what is wrong with it
     * @return the logout token
     */
    public String logoutToken(String sub, String sid, TokenFlaw flaw) {
        return minted().logoutToken(firstClientId(), sub, sid, Objects.requireNonNull(flaw, "flaw"));
    }

    /**
     * A JWT access token (RFC 9068, {@code typ: at+jwt}) for the first registered client, shaped as the token
     * endpoint issues them, broken in at most one way; it lives {@link Behaviour#accessTokenLifetime()}.
     *
     * @param sub      the subject
     * @param audience the {@code aud}, normally the client id
     * @param flaw     what is wrong with it, {@link TokenFlaw#NONE} for nothing
     * @return the access token
     */
    public String accessToken(String sub, String audience, TokenFlaw flaw) {
        return minted().accessToken(audience, sub, Objects.requireNonNull(flaw, "flaw"));
    }

    /**
     * A valid JWT access token as {@link #accessToken(String, String, TokenFlaw)} makes, saying how the user
     * authenticated (RFC 9068 2.2.1): this {@code acr} and an {@code auth_time} of now. For resources with a step-up
     * requirement, which judge a bearer caller by these claims.
     *
     * @param sub      the subject
     * @param audience the {@code aud}, normally the client id
     * @param acr      the Authentication Context Class, e.g. {@link #ACR_MFA}
     * @return the access token
     */
    public String accessToken(String sub, String audience, String acr) {
        return minted().accessToken(audience, sub, TokenFlaw.NONE, Objects.requireNonNull(acr, "acr"));
    }

    /**
     * A valid JWT access token as {@link #accessToken(String, String, TokenFlaw)} makes, bound to a DPoP key
     * ({@code cnf.jkt}, RFC 9449 6.1): accepted only as {@code Authorization: DPoP} with a proof of that key, e.g.
     * from {@link io.github.passage4j.testkit.DpopProofs}. Bind it to another key than the proof's to test
     * RFC 9449 4.3 step 12.
     *
     * @param sub      the subject
     * @param audience the {@code aud}, normally the client id
     * @param jkt      the thumbprint of the key it is bound to ({@code DpopProofs#thumbprint()})
     * @return the access token
     */
    public String dpopAccessToken(String sub, String audience, String jkt) {
        return minted().dpopAccessToken(audience, sub, Objects.requireNonNull(jkt, "jkt"));
    }

    /**
     * A Passage element token: an untyped JWT of issuer {@code <issuer>/v1/apps/<appId>} (whose keys this provider
     * publishes at {@code <issuer>/v1/apps/<appId>/.well-known/jwks.json}, as Passage does below
     * {@code https://auth.passage.id}), audience the app id, signed with the current key.
     *
     * @param appId the Passage app id
     * @param sub   the subject
     * @param flaw  what is wrong with it, {@link TokenFlaw#NONE} for nothing
     * @return the element token
     */
    public String elementToken(String appId, String sub, TokenFlaw flaw) {
        return minted().elementToken(appId, sub, Objects.requireNonNull(flaw, "flaw"));
    }

    private MintedTokens minted() {
        return new MintedTokens(started());
    }

    private String firstClientId() {
        String clientId = directory.firstClientId();
        if (clientId == null) {
            throw new IllegalStateException("no client is registered");
        }
        return clientId;
    }

    // ---------------------------------------------------------------- what was received

    /** @return requests received by the token endpoint (including failed and faulted ones) */
    public int tokenRequests() {
        return log.countOf(Endpoint.TOKEN);
    }

    /** @return requests received by the UserInfo endpoint */
    public int userinfoRequests() {
        return log.countOf(Endpoint.USERINFO);
    }

    /** @return requests received by the JWKS endpoint */
    public int jwksRequests() {
        return log.countOf(Endpoint.JWKS);
    }

    /** @return requests received by the discovery endpoint */
    public int discoveryRequests() {
        return log.countOf(Endpoint.DISCOVERY);
    }

    /** @return requests received by the authorization endpoint */
    public int authorizationRequests() {
        return log.countOf(Endpoint.AUTHORIZE);
    }

    /** @return login page submissions received */
    public int loginRequests() {
        return log.countOf(Endpoint.LOGIN);
    }

    /** @return requests received by the revocation endpoint */
    public int revocationRequests() {
        return log.countOf(Endpoint.REVOKE);
    }

    /**
     * Whether a live access or refresh token was revoked ({@code /revoke} by the client it was issued to, RFC 7009,
     * or a replayed code); what a client asked to revoke is in {@link #requests(Endpoint)} of {@link Endpoint#REVOKE}.
     *
     * @param token an access or refresh token this provider issued
     * @return true once revoked
     */
    public boolean wasRevoked(String token) {
        return started().grants.wasRevoked(token);
    }

    /** @return requests received by the logout endpoint */
    public int logoutRequests() {
        return log.countOf(Endpoint.LOGOUT);
    }

    /**
     * @param endpoint an endpoint
     * @return how many requests it received since start or {@link #resetCounters()}
     */
    public int requestCount(Endpoint endpoint) {
        return log.countOf(endpoint);
    }

    /**
     * The authorization requests {@code /authorize} accepted (at most 100, oldest first), each with the parameters in
     * effect: those of the pushed request or the request object when one supplied them, so {@code prompt},
     * {@code max_age}, {@code login_hint}, ... can be checked whichever way the relying party sent them.
     *
     * @return the accepted authorization requests
     */
    public List<RecordedRequest> acceptedAuthorizationRequests() {
        return started().authorizationRequests.recent();
    }

    /**
     * @param endpoint an endpoint
     * @return the latest requests it received (at most 100), oldest first
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        return log.recent(endpoint);
    }

    /**
     * @param endpoint an endpoint
     * @return the latest request it received, if any
     */
    public Optional<RecordedRequest> lastRequest(Endpoint endpoint) {
        List<RecordedRequest> recent = log.recent(endpoint);
        return recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1));
    }

    /** Sets every request counter to zero and forgets recorded requests. */
    public void resetCounters() {
        log.clear();
    }

    @Override
    public String toString() {
        ProviderState current = state;
        return "LocalPassageProvider[" + (current == null ? "not started" : current.issuer) + "]";
    }

    /** Builds a {@link LocalPassageProvider}; {@link #build()} does not start it. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<RegisteredClient> clients = new ArrayList<>();
        private final List<PassageUser> users = new ArrayList<>();
        private MutualTlsListener.Config mutualTls;

        private Builder() {
        }

        /**
         * Adds an HTTPS listener for mutual TLS (RFC 8705) on its own random port, beside the plain-HTTP issuer:
         * it serves the token, PAR, UserInfo and revocation endpoints, asks for (does not require) a client
         * certificate, and discovery announces it as {@code mtls_endpoint_aliases}. There the token, PAR and
         * revocation endpoints accept {@code tls_client_auth} and {@code self_signed_tls_client_auth} when
         * {@link Behaviour#tokenEndpointAuthMethods(String...)} includes them, and access tokens issued there are
         * bound to the certificate ({@code cnf.x5t#S256}, RFC 8705 3), which UserInfo then demands. With
         * {@link io.github.passage4j.testkit.TestCertificates}:
         * {@code mutualTls(c.serverKeyStore(), c.trustStore(), c.password())}.
         *
         * @param serverKeyStore   PKCS#12 with the listener's key and a certificate for the issuer's host
         * @param clientTrustStore PKCS#12 with the CA that {@code tls_client_auth} certificates must chain to
         * @param password         the password of both files and of the key entry
         * @return this builder
         */
        public Builder mutualTls(java.nio.file.Path serverKeyStore, java.nio.file.Path clientTrustStore,
                                 String password) {
            this.mutualTls = new MutualTlsListener.Config(serverKeyStore, clientTrustStore, password);
            return this;
        }

        /**
         * @param host a loopback address or name to listen on (default {@code 127.0.0.1}); it is also the issuer's
         *             host
         * @return this builder
         * @throws IllegalArgumentException when {@code host} is not a loopback address: the provider is a test tool
         *                                  and is never exposed beyond this machine
         */
        public Builder host(String host) {
            try {
                if (!InetAddress.getByName(Objects.requireNonNull(host, "host")).isLoopbackAddress()) {
                    throw new IllegalArgumentException("the local provider listens on loopback only, not on " + host);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host " + host, e);
            }
            this.host = host;
            return this;
        }

        /**
         * @param port the port, or 0 (default) for a random free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Registers a client whose redirect URIs are not restricted: loopback tests deploy at random ports.
         *
         * @param clientId     the client id
         * @param clientSecret the client secret
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            return client(clientId, clientSecret, List.of());
        }

        /**
         * Registers a client allowed to use exactly these redirect URIs.
         *
         * @param clientId     the client id
         * @param clientSecret the client secret
         * @param redirectUris the allowed redirect URIs (exact string match), or empty for any http(s) URI
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret, List<URI> redirectUris) {
            clients.add(new RegisteredClient(clientId, clientSecret, redirectUris));
            return this;
        }

        /**
         * Seeds a user, listed on the login page in the order added.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(PassageUser user) {
            users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        /**
         * @return the provider, not yet started
         * @throws IllegalArgumentException when two clients share an id or two users share a subject
         */
        public LocalPassageProvider build() {
            Set<String> seen = new HashSet<>();
            for (RegisteredClient client : clients) {
                if (!seen.add("client " + client.id())) {
                    throw new IllegalArgumentException("two clients with the id " + client.id());
                }
            }
            for (PassageUser user : users) {
                if (!seen.add("user " + user.sub())) {
                    throw new IllegalArgumentException("two users with the sub " + user.sub());
                }
            }
            return new LocalPassageProvider(this);
        }
    }
}
