package io.github.passage4j.provider;

import java.util.List;

/** What the endpoints share: the issuer, keys, behaviour, registered clients and users, and issued grants. */
final class ProviderState {

    final String issuer;
    final SigningKeys keys;
    final Behaviour behaviour;
    final Grants grants = new Grants();
    /** The {@code acr} of each provider session, which its ID tokens carry. */
    final AuthenticationContexts authenticationContexts = new AuthenticationContexts();
    /** Which pending logins asked for response_mode=form_post. */
    final FormPostResponses formPosts = new FormPostResponses();
    final DpopBindings dpop = new DpopBindings();
    final TokenIssuer tokens;
    /** Authorization requests pushed to /par (RFC 9126), until used once or expired. */
    final PushedRequests pushedRequests = new PushedRequests();
    /** Verifies client assertions and remembers their jti. */
    final ClientAssertionVerifier clientAssertions = new ClientAssertionVerifier(this);
    /** The mutual TLS listener (RFC 8705), or {@code null} when the provider has none. */
    final MutualTlsListener mutualTls;
    /** Access tokens bound to client certificates (RFC 8705 3). */
    final CertificateBindings certificateBindings = new CertificateBindings();
    /** The jti of accepted request objects (RFC 9101), shared by /authorize and /par. */
    final RequestObjectReplays requestObjectReplays = new RequestObjectReplays();
    /** Signed userinfo and encrypted ID tokens and userinfo, as the behaviour switches them. */
    final ProtectedResponses protectedResponses = new ProtectedResponses(this);
    /** The authorization requests accepted, with their parameters in effect. */
    final AuthorizationRequests authorizationRequests = new AuthorizationRequests();
    private final Directory directory;

    ProviderState(String issuer, SigningKeys keys, Behaviour behaviour, Directory directory) {
        this(issuer, keys, behaviour, directory, null);
    }

    ProviderState(String issuer, SigningKeys keys, Behaviour behaviour, Directory directory,
                  MutualTlsListener mutualTls) {
        this.mutualTls = mutualTls;
        this.issuer = issuer;
        this.keys = keys;
        this.behaviour = behaviour;
        this.directory = directory;
        this.tokens = new TokenIssuer(issuer, keys, behaviour, authenticationContexts);
    }

    /** @return the absolute URL of {@code endpoint} */
    String url(Endpoint endpoint) {
        return issuer + endpoint.path();
    }

    /** @return the client with this id, or {@code null} */
    RegisteredClient client(String id) {
        return directory.client(id);
    }

    /**
     * @param client a registered client
     * @return the public keys its request objects and assertions are verified with: those at
     *     {@link Behaviour#clientJwksUri}, else those of {@link Behaviour#clientJwks}, else
     *     the client's own {@code jwks}; {@code null} when it has none
     */
    com.nimbusds.jose.jwk.JWKSet clientJwks(RegisteredClient client) {
        java.net.URI jwksUri = behaviour.clientJwksUri(client.id());
        if (jwksUri != null) {
            return ClientKeySets.fetch(jwksUri);
        }
        com.nimbusds.jose.jwk.JWKSet registered = behaviour.clientJwks(client.id());
        return registered != null ? registered : client.jwks();
    }

    /** @return the seeded user with this subject, or {@code null} */
    PassageUser user(String sub) {
        return directory.user(sub);
    }

    /** @return the seeded users in the order they were added */
    List<PassageUser> users() {
        return directory.users();
    }
}
