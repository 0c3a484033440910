package io.github.passage4j.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What OpenID Provider discovery (OIDC Discovery 1.0 section 3) told about the provider, after
 * validation: every endpoint is absolute and uses {@code https} unless its host is a loopback
 * address.
 *
 * @param issuer the issuer identifier exactly as the discovery document spells it; ID tokens'
 *     {@code iss} must equal its string form
 * @param authorizationEndpoint where the browser is sent to sign in
 * @param tokenEndpoint where the authorization code is exchanged
 * @param userinfoEndpoint the UserInfo endpoint, or null if not advertised
 * @param jwksUri where the provider's signing keys are published
 * @param endSessionEndpoint the RP-initiated logout endpoint, or null if not advertised
 * @param revocationEndpoint the RFC 7009 revocation endpoint, or null if not advertised
 * @param idTokenSigningAlgValuesSupported the document's {@code id_token_signing_alg_values_supported};
 *     empty when absent, in which case only RS256 is accepted
 * @param authorizationResponseIssParameterSupported whether the provider sends {@code iss} in the
 *     authorization response (RFC 9207)
 * @param tokenEndpointAuthMethodsSupported the document's {@code token_endpoint_auth_methods_supported} (RFC 8414
 *     2); empty when absent, which means {@code client_secret_basic} only
 * @param tokenEndpointAuthSigningAlgValuesSupported the algorithms the provider accepts for client assertions
 *     ({@code token_endpoint_auth_signing_alg_values_supported}); empty when absent
 * @param pushedAuthorizationRequestEndpoint the RFC 9126 PAR endpoint, or null if not advertised
 * @param requirePushedAuthorizationRequests whether the provider accepts authorization requests only through PAR
 *     (RFC 9126 5)
 * @param dpopSigningAlgValuesSupported the algorithms the provider accepts for DPoP proofs (RFC 9449 5.1); empty
 *     when absent
 * @param mtlsEndpointAliases the endpoints to call instead when authenticating with a client certificate
 *     ({@code mtls_endpoint_aliases}, RFC 8705 5), by metadata name such as {@code token_endpoint}; each validated
 *     as an endpoint
 * @param requestObjectSigningAlgValuesSupported the algorithms the provider accepts for request objects (RFC 9101
 *     10.5); empty when absent
 * @param requireSignedRequestObject whether the provider accepts authorization requests only as signed request
 *     objects (RFC 9101 10.5)
 * @param responseModesSupported the document's {@code response_modes_supported} (OIDC Discovery 3); empty when
 *     absent, in which case no mode is refused ({@link ResponseMode#checkSupportedBy})
 */
public record ProviderMetadata(
        URI issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI userinfoEndpoint,
        URI jwksUri,
        URI endSessionEndpoint,
        URI revocationEndpoint,
        List<String> idTokenSigningAlgValuesSupported,
        boolean authorizationResponseIssParameterSupported,
        List<String> tokenEndpointAuthMethodsSupported,
        List<String> tokenEndpointAuthSigningAlgValuesSupported,
        URI pushedAuthorizationRequestEndpoint,
        boolean requirePushedAuthorizationRequests,
        List<String> dpopSigningAlgValuesSupported,
        Map<String, URI> mtlsEndpointAliases,
        List<String> requestObjectSigningAlgValuesSupported,
        boolean requireSignedRequestObject,
        List<String> responseModesSupported) {

    /**
     * Checks that the required endpoints are present.
     *
     * @param issuer the issuer identifier
     * @param authorizationEndpoint the authorization endpoint
     * @param tokenEndpoint the token endpoint
     * @param userinfoEndpoint the UserInfo endpoint, or null
     * @param jwksUri the JWK Set location
     * @param endSessionEndpoint the end-session endpoint, or null
     * @param revocationEndpoint the revocation endpoint, or null
     * @param idTokenSigningAlgValuesSupported the advertised ID token algorithms; null is taken as empty
     * @param authorizationResponseIssParameterSupported whether RFC 9207 {@code iss} is sent
     * @param tokenEndpointAuthMethodsSupported the advertised client authentication methods; null is taken as empty
     * @param tokenEndpointAuthSigningAlgValuesSupported the advertised client assertion algorithms; null is empty
     * @param pushedAuthorizationRequestEndpoint the PAR endpoint, or null
     * @param requirePushedAuthorizationRequests whether PAR is required
     * @param dpopSigningAlgValuesSupported the advertised DPoP proof algorithms; null is taken as empty
     * @param mtlsEndpointAliases the mTLS endpoint aliases; null is taken as none
     * @param requestObjectSigningAlgValuesSupported the advertised request object algorithms; null is empty
     * @param requireSignedRequestObject whether signed request objects are required
     * @param responseModesSupported the advertised response modes; null is taken as empty
     * @throws NullPointerException if a required endpoint is null
     */
    public ProviderMetadata {
        // the required endpoints of OIDC Discovery 3 cannot be absent; the list is copied to stay immutable
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        idTokenSigningAlgValuesSupported =
                idTokenSigningAlgValuesSupported == null ? List.of() : List.copyOf(idTokenSigningAlgValuesSupported);
        tokenEndpointAuthMethodsSupported = copy(tokenEndpointAuthMethodsSupported);
        tokenEndpointAuthSigningAlgValuesSupported = copy(tokenEndpointAuthSigningAlgValuesSupported);
        dpopSigningAlgValuesSupported = copy(dpopSigningAlgValuesSupported);
        mtlsEndpointAliases = mtlsEndpointAliases == null ? Map.of() : Map.copyOf(mtlsEndpointAliases);
        requestObjectSigningAlgValuesSupported = copy(requestObjectSigningAlgValuesSupported);
        responseModesSupported = copy(responseModesSupported);
    }

    /**
     * The metadata of a provider that does not list its response modes.
     *
     * @param issuer the issuer identifier
     * @param authorizationEndpoint the authorization endpoint
     * @param tokenEndpoint the token endpoint
     * @param userinfoEndpoint the UserInfo endpoint, or null
     * @param jwksUri the JWK Set location
     * @param endSessionEndpoint the end-session endpoint, or null
     * @param revocationEndpoint the revocation endpoint, or null
     * @param idTokenSigningAlgValuesSupported the advertised ID token algorithms; null is taken as empty
     * @param authorizationResponseIssParameterSupported whether RFC 9207 {@code iss} is sent
     * @param tokenEndpointAuthMethodsSupported the advertised client authentication methods; null is taken as empty
     * @param tokenEndpointAuthSigningAlgValuesSupported the advertised client assertion algorithms; null is empty
     * @param pushedAuthorizationRequestEndpoint the PAR endpoint, or null
     * @param requirePushedAuthorizationRequests whether PAR is required
     * @param dpopSigningAlgValuesSupported the advertised DPoP proof algorithms; null is taken as empty
     * @param mtlsEndpointAliases the mTLS endpoint aliases; null is taken as none
     * @param requestObjectSigningAlgValuesSupported the advertised request object algorithms; null is empty
     * @param requireSignedRequestObject whether signed request objects are required
     */
    public ProviderMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
            URI jwksUri, URI endSessionEndpoint, URI revocationEndpoint, List<String> idTokenSigningAlgValuesSupported,
            boolean authorizationResponseIssParameterSupported, List<String> tokenEndpointAuthMethodsSupported,
            List<String> tokenEndpointAuthSigningAlgValuesSupported, URI pushedAuthorizationRequestEndpoint,
            boolean requirePushedAuthorizationRequests, List<String> dpopSigningAlgValuesSupported,
            Map<String, URI> mtlsEndpointAliases, List<String> requestObjectSigningAlgValuesSupported,
            boolean requireSignedRequestObject) {
        this(issuer, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, jwksUri, endSessionEndpoint,
                revocationEndpoint, idTokenSigningAlgValuesSupported, authorizationResponseIssParameterSupported,
                tokenEndpointAuthMethodsSupported, tokenEndpointAuthSigningAlgValuesSupported,
                pushedAuthorizationRequestEndpoint, requirePushedAuthorizationRequests, dpopSigningAlgValuesSupported,
                mtlsEndpointAliases, requestObjectSigningAlgValuesSupported, requireSignedRequestObject, null);
    }

    /**
     * The metadata of a provider that advertises none of the extensions after RFC 9207 (client authentication
     * methods, PAR, DPoP, mTLS aliases, request objects).
     *
     * @param issuer the issuer identifier
     * @param authorizationEndpoint the authorization endpoint
     * @param tokenEndpoint the token endpoint
     * @param userinfoEndpoint the UserInfo endpoint, or null
     * @param jwksUri the JWK Set location
     * @param endSessionEndpoint the end-session endpoint, or null
     * @param revocationEndpoint the revocation endpoint, or null
     * @param idTokenSigningAlgValuesSupported the advertised ID token algorithms; null is taken as empty
     * @param authorizationResponseIssParameterSupported whether RFC 9207 {@code iss} is sent
     */
    public ProviderMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
            URI jwksUri, URI endSessionEndpoint, URI revocationEndpoint, List<String> idTokenSigningAlgValuesSupported,
            boolean authorizationResponseIssParameterSupported) {
        this(issuer, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, jwksUri, endSessionEndpoint,
                revocationEndpoint, idTokenSigningAlgValuesSupported, authorizationResponseIssParameterSupported,
                null, null, null, false, null, null, null, false, null);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /**
     * The endpoint to call with a client certificate: its {@code mtls_endpoint_aliases} entry when the provider
     * names one (RFC 8705 5), else the endpoint itself.
     *
     * @param name the metadata name of the endpoint, e.g. {@code token_endpoint}
     * @param endpoint the endpoint as advertised
     * @return where to send the mutual-TLS request
     */
    URI mtlsAlias(String name, URI endpoint) {
        return mtlsEndpointAliases.getOrDefault(name, endpoint);
    }

    /**
     * The algorithms the provider may sign ID tokens and logout tokens with (Back-Channel Logout
     * 2.6 step 3 refers to the same list): its {@code id_token_signing_alg_values_supported}, or
     * only RS256, the default for ID tokens (OIDC Discovery 3 / Registration 2), when it lists none.
     */
    List<String> idTokenAlgorithms() {
        return idTokenSigningAlgValuesSupported.isEmpty() ? List.of("RS256") : idTokenSigningAlgValuesSupported;
    }
}
