package io.github.passage4j.oidc;

/**
 * The set of rules the client follows as a whole.
 */
public enum SecurityProfile {
    /**
     * OpenID Connect Core 1.0 with PKCE and RFC 9207: the default, and what Passage asks of its clients.
     */
    OPENID_CONNECT,
    /**
     * The FAPI 2.0 Security Profile (final, section 5): pushed authorization requests, PKCE S256, client
     * authentication by {@code private_key_jwt} or mutual TLS, sender-constrained (DPoP) access tokens, the RFC 9207
     * {@code iss} required, PS256/ES256 only.
     */
    FAPI_2_0
}
