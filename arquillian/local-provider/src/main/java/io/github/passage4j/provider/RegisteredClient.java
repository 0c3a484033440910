package io.github.passage4j.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * A client (relying party) known to the provider.
 *
 * @param id           the client id
 * @param secret       the client secret, checked by client_secret_basic
 * @param redirectUris the allowed redirect URIs, matched exactly; empty allows any http(s) URI, because loopback tests
 *                     deploy their applications at ports nobody knows in advance
 * @param jwks         the client's public keys (request objects, RFC 9101), or {@code null} when it registered none
 */
record RegisteredClient(String id, String secret, List<URI> redirectUris, com.nimbusds.jose.jwk.JWKSet jwks) {

    /** A client without registered keys. */
    RegisteredClient(String id, String secret, List<URI> redirectUris) {
        this(id, secret, redirectUris, null);
    }

    RegisteredClient {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a client needs an id");
        }
        Objects.requireNonNull(secret, "secret");
        redirectUris = List.copyOf(redirectUris);
        // only the public halves are kept: the provider verifies, it never signs as the client
        jwks = jwks == null ? null : jwks.toPublicJWKSet();
        for (URI uri : redirectUris) {
            if (!isUsableRedirect(uri)) {
                throw new IllegalArgumentException("not an absolute http(s) URI without fragment: " + uri);
            }
        }
    }

    /**
     * @param redirectUri the redirect URI of an authorization request, as sent
     * @return whether the provider may send the browser there
     */
    boolean allowsRedirect(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (!isUsableRedirect(uri)) {
            return false;
        }
        if (redirectUris.isEmpty()) {
            return true;
        }
        // Exact string comparison, as OAuth 2.0 Security BCP asks: no normalisation, no prefix matching.
        return redirectUris.stream().anyMatch(allowed -> allowed.toString().equals(redirectUri));
    }

    private static boolean isUsableRedirect(URI uri) {
        String scheme = uri.getScheme();
        return uri.isAbsolute() && uri.getRawFragment() == null && uri.getHost() != null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    }

    /**
     * @param presented a secret a client sent
     * @return whether it is this client's secret (compared in constant time)
     */
    boolean secretMatches(String presented) {
        return presented != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs.
        return "RegisteredClient[id=" + id + ", redirectUris=" + redirectUris + "]";
    }
}
