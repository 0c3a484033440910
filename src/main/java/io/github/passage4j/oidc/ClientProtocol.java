package io.github.passage4j.oidc;

/**
 * The protocol choices of one client beyond OpenID Connect Core: how it authenticates, whether its authorization
 * requests are pushed (RFC 9126) or signed (RFC 9101), whether its tokens are sender-constrained with DPoP
 * (RFC 9449), and the profile that bounds them all. Immutable; {@link #DEFAULT} is what Passage asks for.
 *
 * @param authenticationMethod how the client authenticates; null to choose from the provider's
 *     {@code token_endpoint_auth_methods_supported} and the credentials configured
 * @param clientKey the private key for {@code private_key_jwt}, request objects and the app's published key set;
 *     null when none is configured
 * @param clientCertificate the certificate for mutual TLS; null when none is configured
 * @param pushedAuthorizationRequests whether every authorization request is pushed; when false it still is when
 *     the provider requires it ({@code require_pushed_authorization_requests})
 * @param dpop whether access and refresh tokens are bound to a per-session DPoP key
 * @param signedRequestObjects whether authorization requests are sent as signed request objects
 * @param profile the security profile; null means {@link SecurityProfile#OPENID_CONNECT}
 * @param assertionAudience the {@code aud} of client assertions; null means {@link ClientAssertionAudience#ISSUER}
 * @param providerTrust what the provider's TLS certificate must chain to; null means the JVM's default trust store.
 *     A {@code clientCertificate} must then be made with the same trust
 *     ({@link ClientCertificate#fromKeyStore(java.security.KeyStore, char[], ProviderTrust)}), since its context
 *     is the one used
 * @param tokenProtection signed userinfo and encrypted ID tokens and userinfo; null means {@link TokenProtection#NONE}
 */
public record ClientProtocol(
        ClientAuthenticationMethod authenticationMethod,
        ClientKey clientKey,
        ClientCertificate clientCertificate,
        boolean pushedAuthorizationRequests,
        boolean dpop,
        boolean signedRequestObjects,
        SecurityProfile profile,
        ClientAssertionAudience assertionAudience,
        ProviderTrust providerTrust,
        TokenProtection tokenProtection) {

    /** client_secret_basic (unless the provider asks otherwise), front-channel requests, bearer tokens. */
    public static final ClientProtocol DEFAULT =
            new ClientProtocol(null, null, null, false, false, false, SecurityProfile.OPENID_CONNECT,
                    ClientAssertionAudience.ISSUER, null);

    /**
     * Fills in the default profile.
     *
     * @param authenticationMethod the method, or null to choose
     * @param clientKey the private key, or null
     * @param clientCertificate the client certificate, or null
     * @param pushedAuthorizationRequests whether requests are always pushed
     * @param dpop whether tokens are DPoP-bound
     * @param signedRequestObjects whether requests are signed
     * @param profile the profile, or null for OpenID Connect
     * @param assertionAudience the audience of client assertions, or null for the issuer
     * @param providerTrust the provider's trust store, or null for the JVM's default
     * @param tokenProtection signed and encrypted tokens, or null for {@link TokenProtection#NONE}
     */
    public ClientProtocol {
        profile = profile == null ? SecurityProfile.OPENID_CONNECT : profile;
        assertionAudience = assertionAudience == null ? ClientAssertionAudience.ISSUER : assertionAudience;
        tokenProtection = tokenProtection == null ? TokenProtection.NONE : tokenProtection;
    }

    /**
     * Plain signed ID tokens, userinfo as JSON or signed ({@link TokenProtection#NONE}).
     *
     * @param authenticationMethod the method, or null to choose
     * @param clientKey the private key, or null
     * @param clientCertificate the client certificate, or null
     * @param pushedAuthorizationRequests whether requests are always pushed
     * @param dpop whether tokens are DPoP-bound
     * @param signedRequestObjects whether requests are signed
     * @param profile the profile, or null for OpenID Connect
     * @param assertionAudience the audience of client assertions, or null for the issuer
     * @param providerTrust the provider's trust store, or null for the JVM's default
     */
    public ClientProtocol(ClientAuthenticationMethod authenticationMethod, ClientKey clientKey,
            ClientCertificate clientCertificate, boolean pushedAuthorizationRequests, boolean dpop,
            boolean signedRequestObjects, SecurityProfile profile, ClientAssertionAudience assertionAudience,
            ProviderTrust providerTrust) {
        this(authenticationMethod, clientKey, clientCertificate, pushedAuthorizationRequests, dpop,
                signedRequestObjects, profile, assertionAudience, providerTrust, TokenProtection.NONE);
    }

    /**
     * The same choices with another token protection.
     *
     * @param protection signed and encrypted tokens
     * @return a copy with {@code protection}
     */
    public ClientProtocol withTokenProtection(TokenProtection protection) {
        return new ClientProtocol(authenticationMethod, clientKey, clientCertificate, pushedAuthorizationRequests, dpop,
                signedRequestObjects, profile, assertionAudience, providerTrust, protection);
    }

    /**
     * The JVM's default trust store for the provider's certificate.
     *
     * @param authenticationMethod the method, or null to choose
     * @param clientKey the private key, or null
     * @param clientCertificate the client certificate, or null
     * @param pushedAuthorizationRequests whether requests are always pushed
     * @param dpop whether tokens are DPoP-bound
     * @param signedRequestObjects whether requests are signed
     * @param profile the profile, or null for OpenID Connect
     * @param assertionAudience the audience of client assertions, or null for the issuer
     */
    public ClientProtocol(ClientAuthenticationMethod authenticationMethod, ClientKey clientKey,
            ClientCertificate clientCertificate, boolean pushedAuthorizationRequests, boolean dpop,
            boolean signedRequestObjects, SecurityProfile profile, ClientAssertionAudience assertionAudience) {
        this(authenticationMethod, clientKey, clientCertificate, pushedAuthorizationRequests, dpop,
                signedRequestObjects, profile, assertionAudience, null);
    }

    /**
     * Client assertions naming the issuer.
     *
     * @param authenticationMethod the method, or null to choose
     * @param clientKey the private key, or null
     * @param clientCertificate the client certificate, or null
     * @param pushedAuthorizationRequests whether requests are always pushed
     * @param dpop whether tokens are DPoP-bound
     * @param signedRequestObjects whether requests are signed
     * @param profile the profile, or null for OpenID Connect
     */
    public ClientProtocol(ClientAuthenticationMethod authenticationMethod, ClientKey clientKey,
            ClientCertificate clientCertificate, boolean pushedAuthorizationRequests, boolean dpop,
            boolean signedRequestObjects, SecurityProfile profile) {
        this(authenticationMethod, clientKey, clientCertificate, pushedAuthorizationRequests, dpop,
                signedRequestObjects, profile, ClientAssertionAudience.ISSUER, (ProviderTrust) null);
    }
}
