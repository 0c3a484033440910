package io.github.passage4j.oidc;

import java.util.Arrays;
import java.util.Optional;

/**
 * How this client proves its identity to the provider's token, PAR and revocation endpoints: the
 * {@code token_endpoint_auth_method} values of OpenID Connect Dynamic Client Registration 1.0 section 2 and
 * RFC 8705 2.
 */
public enum ClientAuthenticationMethod {
    /** The client secret in an HTTP Basic Authorization header (RFC 6749 2.3.1); the default. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** The client secret in the form body (RFC 6749 2.3.1). */
    CLIENT_SECRET_POST("client_secret_post"),
    /** A JWT assertion signed with HS256 keyed by the client secret (RFC 7523 2.2, OIDC Core 9). */
    CLIENT_SECRET_JWT("client_secret_jwt"),
    /** A JWT assertion signed with the client's private key (RFC 7523 2.2, OIDC Core 9). */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** Mutual TLS with a certificate bound to the client by its subject (RFC 8705 2.1). */
    TLS_CLIENT_AUTH("tls_client_auth"),
    /** Mutual TLS with a self-signed certificate registered with the client (RFC 8705 2.2). */
    SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth");

    private final String wireName;

    ClientAuthenticationMethod(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the registered name, e.g. {@code private_key_jwt}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName a registered name such as {@code client_secret_post}
     * @return the method of that name, or empty if there is none
     */
    public static Optional<ClientAuthenticationMethod> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(method -> method.wireName.equals(wireName)).findFirst();
    }

    /**
     * @return whether the method sends or is keyed by the client secret
     */
    public boolean usesSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST || this == CLIENT_SECRET_JWT;
    }

    /**
     * @return whether the method authenticates with a client certificate on the TLS connection
     */
    public boolean usesCertificate() {
        return this == TLS_CLIENT_AUTH || this == SELF_SIGNED_TLS_CLIENT_AUTH;
    }
}
