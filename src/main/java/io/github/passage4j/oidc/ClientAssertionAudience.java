package io.github.passage4j.oidc;

import java.net.URI;

/**
 * What a client assertion ({@code private_key_jwt}, {@code client_secret_jwt}) names as its audience. RFC 7523 3
 * lets the provider decide; FAPI 2.0 asks for the issuer identifier alone: an assertion whose audience is one
 * endpoint URL could be replayed by whoever controls a URL the client was tricked into treating as an endpoint,
 * while the issuer identifier is checked against discovery. One audience also serves the token, PAR and revocation
 * endpoints alike.
 */
public enum ClientAssertionAudience {
    /** The provider's issuer identifier: FAPI 2.0's choice and the default. */
    ISSUER,
    /** The URL of the endpoint the request goes to, for a provider that accepts only that. */
    ENDPOINT;

    URI of(URI endpoint, URI issuer) {
        return this == ISSUER ? issuer : endpoint;
    }
}
